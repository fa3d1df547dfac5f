import type { Metadata } from "next";
import { can, PERMISSIONS, ROLE_LABELS, STAFF_ROLES, type Permission } from "@cannasaas/auth/rbac";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { InvitationActions } from "./invitation-actions";
import { InviteForm } from "./invite-form";
import { MemberActions } from "./member-actions";

export const metadata: Metadata = { title: "Team" };

const RANK = Object.fromEntries(STAFF_ROLES.map((r, i) => [r, i])) as Record<
  (typeof STAFF_ROLES)[number],
  number
>;

export default async function TeamPage() {
  const { active, user } = await dashboardSession();
  if (!active) return null;
  const api = await serverApi();
  const manages = can(active.role, "team.manage");
  const [members, invitations] = await Promise.all([
    api.team.members(),
    manages ? api.team.invitations() : Promise.resolve([]),
  ]);
  // Roles someone may hand out: their own and those below it.
  const grantable = STAFF_ROLES.filter((r) => RANK[r] >= RANK[active.role]);

  return (
    <div className="flex flex-col gap-8">
      <div>
        <h1 className="text-2xl font-bold">Team</h1>
        <p className="text-stone-700">
          Who works at {active.name}, and what each role may do.
          {manages ? "" : " Only owners and admins can invite people or change roles."}
        </p>
      </div>

      {manages ? (
        <section
          aria-labelledby="invite-heading"
          className="rounded-2xl border border-stone-200 bg-white p-5 shadow-sm"
        >
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite someone
          </h2>
          <InviteForm roles={grantable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </section>
      ) : null}

      <section aria-labelledby="members-heading" className="flex flex-col gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members ({members.length})
        </h2>
        <ul className="flex flex-col divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white shadow-sm">
          {members.map((m) => {
            const manageable = manages && m.userId !== user.id && RANK[m.role] >= RANK[active.role];
            return (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                <div>
                  <p className="font-medium">
                    {m.name ?? m.email}
                    {m.userId === user.id ? <span className="text-stone-500"> (you)</span> : null}
                  </p>
                  <p className="text-sm text-stone-600">
                    {m.email} · {ROLE_LABELS[m.role]}
                  </p>
                </div>
                {manageable ? (
                  <MemberActions
                    userId={m.userId}
                    name={m.name ?? m.email}
                    role={m.role}
                    roles={grantable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {manages ? (
        <section aria-labelledby="pending-heading" className="flex flex-col gap-3">
          <h2 id="pending-heading" className="text-lg font-semibold">
            Pending invitations ({invitations.length})
          </h2>
          {invitations.length === 0 ? (
            <p className="rounded-xl bg-white p-4 text-stone-700">No invitations waiting.</p>
          ) : (
            <ul className="flex flex-col divide-y divide-stone-100 rounded-xl border border-stone-200 bg-white shadow-sm">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div>
                    <p className="font-medium">{i.email}</p>
                    <p className="text-sm text-stone-600">
                      {ROLE_LABELS[i.role]} ·{" "}
                      {i.expired
                        ? "expired, send it again"
                        : `expires ${i.expiresAt.toLocaleDateString("en-US", { dateStyle: "medium" })}`}
                    </p>
                  </div>
                  <InvitationActions invitationId={i.id} email={i.email} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-labelledby="roles-heading" className="flex flex-col gap-3">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles and permissions
        </h2>
        <p className="text-sm text-stone-600">The server enforces this same table on every action.</p>
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">What each role may do</caption>
            <thead className="bg-stone-50 text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Permission
                </th>
                {STAFF_ROLES.map((r) => (
                  <th key={r} scope="col" className="px-3 py-2 text-center font-medium">
                    {ROLE_LABELS[r]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(Object.entries(PERMISSIONS) as [Permission, string][]).map(([permission, label]) => (
                <tr key={permission} className="border-t border-stone-100">
                  <th scope="row" className="px-3 py-2 font-normal">
                    {label}
                  </th>
                  {STAFF_ROLES.map((r) => (
                    <td key={r} className="px-3 py-2 text-center">
                      {can(r, permission) ? (
                        <span aria-label="allowed" className="font-bold text-emerald-700">
                          ✓
                        </span>
                      ) : (
                        <span aria-label="not allowed" className="text-stone-400">
                          —
                        </span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
