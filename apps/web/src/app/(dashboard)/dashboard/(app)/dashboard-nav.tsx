"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { Drawer } from "@cannasaas/ui/dialog";
import { isCurrent, type NavGroup } from "./nav-links";

/** The grouped section links; the current page carries `aria-current="page"`. */
function NavList({ groups, onNavigate }: { groups: NavGroup[]; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <div className="flex flex-col gap-4 px-3 py-4">
      {groups.map((group, index) => {
        const headingId = `dashboard-nav-group-${index}`;
        return (
          <div key={group.label ?? index} className="flex flex-col gap-1">
            {group.label ? (
              <p id={headingId} className="px-3 text-xs font-semibold tracking-wide text-stone-500 uppercase">
                {group.label}
              </p>
            ) : null}
            <ul aria-labelledby={group.label ? headingId : undefined} className="flex flex-col gap-0.5">
              {group.links.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    onClick={onNavigate}
                    aria-current={isCurrent(link, pathname) ? "page" : undefined}
                    className="flex min-h-9 items-center rounded-lg px-3 text-sm font-medium text-stone-700 hover:bg-stone-100 hover:text-stone-950 focus-visible:outline-2 focus-visible:outline-brand aria-[current=page]:bg-brand/10 aria-[current=page]:font-semibold aria-[current=page]:text-brand"
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}

/** The sidebar on wide screens (from 1024 px); hidden below that, where `MobileDashboardNav` takes over. */
export function DashboardSidebar({ groups }: { groups: NavGroup[] }) {
  return (
    <nav aria-label="Dashboard" className="hidden lg:block">
      <NavList groups={groups} />
    </nav>
  );
}

/** Below 1024 px: a "Menu" button opening the same links in a drawer that closes when a link is chosen. */
export function MobileDashboardNav({ groups }: { groups: NavGroup[] }) {
  const [open, setOpen] = useState(false);
  return (
    <nav aria-label="Dashboard" className="lg:hidden">
      <Drawer
        open={open}
        onOpenChange={setOpen}
        title="Dashboard menu"
        trigger={
          <button
            type="button"
            className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 bg-white px-3 text-sm font-semibold text-stone-800 hover:bg-stone-50"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
              <path d="M3 5h14v1.5H3zm0 4.25h14v1.5H3zm0 4.25h14V15H3z" />
            </svg>
            Menu
          </button>
        }
      >
        <nav aria-label="Dashboard">
          <NavList groups={groups} onNavigate={() => setOpen(false)} />
        </nav>
      </Drawer>
    </nav>
  );
}
