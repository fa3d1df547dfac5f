"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/dashboard", label: "Home", exact: true },
  { href: "/dashboard/orders", label: "Orders", exact: false },
  { href: "/dashboard/catalog", label: "Catalog", exact: false },
  { href: "/dashboard/id-review", label: "ID review", exact: false },
  { href: "/dashboard/audit", label: "Audit", exact: false },
  { href: "/dashboard/jobs", label: "Jobs", exact: false },
  { href: "/dashboard/team", label: "Team", exact: false },
  { href: "/dashboard/onboarding", label: "Setup", exact: false },
];

export function DashboardNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Dashboard" className="border-b border-stone-200 bg-white">
      <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-4">
        {LINKS.map(({ href, label, exact }) => {
          const current = exact ? pathname === href : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className="inline-flex min-h-11 items-center border-b-2 border-transparent px-3 text-sm font-medium text-stone-700 hover:text-stone-950 aria-[current=page]:border-brand aria-[current=page]:text-brand"
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
