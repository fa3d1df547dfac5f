"use client";
import { useRef } from "react";

type Membership = { organizationId: string; name: string; role: string };

/** A plain form posting to /dashboard/switch, so it works before JavaScript loads too. */
export function OrganizationSwitcher({
  memberships,
  activeId,
}: {
  memberships: Membership[];
  activeId: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  if (memberships.length < 2) {
    return <span className="font-semibold">{memberships[0]?.name}</span>;
  }
  return (
    <form ref={form} action="/dashboard/switch" method="post" className="flex items-center gap-2">
      <label htmlFor="org-switcher" className="sr-only">
        Organization
      </label>
      <select
        id="org-switcher"
        name="organizationId"
        defaultValue={activeId}
        onChange={() => form.current?.requestSubmit()}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 font-semibold"
      >
        {memberships.map((m) => (
          <option key={m.organizationId} value={m.organizationId}>
            {m.name}
          </option>
        ))}
      </select>
      <noscript>
        <button className="min-h-11 rounded-lg border px-3">Switch</button>
      </noscript>
    </form>
  );
}
