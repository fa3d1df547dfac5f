import type { ReactNode } from "react";
import { storefrontTenant } from "~/server/tenant";

type Props = { children: ReactNode; params: Promise<{ tenant: string }> };

/**
 * The menu's welcome, outside the page's loading boundary: it needs only the store, so it comes with the
 * first paint (on a phone it is the largest text on the first screen, the page's largest contentful paint)
 * while the menu itself streams in behind its skeleton. Inside the boundary it was shown only once the
 * browser had read the whole page and run React's reveal, after the page's scripts had loaded.
 */
export default async function MenuLayout({ children, params }: Props) {
  const tenant = await storefrontTenant((await params).tenant);
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="welcome" className="rounded-2xl bg-white p-5 shadow-sm">
        <h1 id="welcome" className="text-2xl font-bold sm:text-3xl">
          {tenant.branding.tagline ?? `${tenant.name} menu`}
        </h1>
        <p className="mt-1 text-stone-700">Live stock. Order ahead, pay at pickup.</p>
      </section>
      {children}
    </div>
  );
}
