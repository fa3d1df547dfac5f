import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS } from "@cannasaas/auth/rbac";
import { ToastProvider } from "@cannasaas/ui/toast";
import { signOutAction, signOutEverywhereAction } from "~/server/actions/auth";
import { dashboardSession } from "~/server/dashboard";
import { DashboardSidebar, MobileDashboardNav } from "./dashboard-nav";
import { navGroupsFor } from "./nav-links";
import { OrganizationSwitcher } from "./organization-switcher";

export default async function DashboardAppLayout({ children }: { children: ReactNode }) {
  const { user, memberships, active } = await dashboardSession();
  if (memberships.length === 0) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6 text-center">
        <h1 className="text-2xl font-bold">You are not part of a dispensary yet</h1>
        <p className="text-stone-700">Ask the owner to invite you, or sign in with your staff email.</p>
        <form action={signOutAction}>
          <input type="hidden" name="redirectTo" value="/dashboard/sign-in" />
          <button className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold">
            Sign out
          </button>
        </form>
      </main>
    );
  }
  if (!active) {
    return (
      <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-4 p-6">
        <h1 className="text-2xl font-bold">Choose an organization</h1>
        <p className="text-stone-700">You no longer have access to the organization you last used.</p>
        <ul className="flex flex-col gap-2">
          {memberships.map((m) => (
            <li key={m.organizationId}>
              <form action="/dashboard/switch" method="post">
                <input type="hidden" name="organizationId" value={m.organizationId} />
                <button className="min-h-11 w-full rounded-lg border border-stone-300 bg-white px-4 text-left font-semibold">
                  {m.name} · {ROLE_LABELS[m.role]}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </main>
    );
  }

  const groups = navGroupsFor(active.role);
  return (
    <ToastProvider>
      <div className="min-h-dvh lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] print:block">
        <aside className="hidden border-r border-stone-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-dvh lg:flex-col lg:overflow-y-auto print:hidden">
          <Link href="/dashboard" className="px-6 pt-5 text-lg font-bold text-brand">
            CannaSaaS
          </Link>
          <DashboardSidebar groups={groups} />
        </aside>
        <div className="flex min-w-0 flex-col">
          <header className="border-b border-stone-200 bg-white print:hidden">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
              <div className="flex items-center gap-3">
                <MobileDashboardNav groups={groups} />
                <Link href="/dashboard" className="text-lg font-bold text-brand lg:hidden">
                  CannaSaaS
                </Link>
                <OrganizationSwitcher memberships={memberships} activeId={active.organizationId} />
              </div>
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <span className="text-stone-600">
                  {user.email} · {ROLE_LABELS[active.role]}
                </span>
                <form action={signOutEverywhereAction}>
                  <input type="hidden" name="redirectTo" value="/dashboard/sign-in" />
                  <button
                    className="min-h-11 rounded-lg px-3 font-medium text-stone-700 hover:bg-stone-100"
                    title="Signs you out on every device and browser, this one included"
                  >
                    Sign out everywhere
                  </button>
                </form>
                <form action={signOutAction}>
                  <input type="hidden" name="redirectTo" value="/dashboard/sign-in" />
                  <button className="min-h-11 rounded-lg px-3 font-medium text-stone-700 hover:bg-stone-100">
                    Sign out
                  </button>
                </form>
              </div>
            </div>
          </header>
          <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 print:p-0">{children}</main>
        </div>
      </div>
    </ToastProvider>
  );
}
