import type { Metadata } from "next";
import { can, PERMISSIONS, ROLE_LABELS, STAFF_ROLES, type Permission } from "@cannasaas/auth/rbac";
import { Card, EmptyState } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { formatDate } from "~/lib/format";
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
        <Card as="section" aria-labelledby="invite-heading" className="rounded-2xl p-5">
          <h2 id="invite-heading" className="text-lg font-semibold">
            Invite someone
          </h2>
          <InviteForm roles={grantable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Card>
      ) : null}

      <section aria-labelledby="members-heading" className="flex flex-col gap-3">
        <h2 id="members-heading" className="text-lg font-semibold">
          Members ({members.length})
        </h2>
        <Card as="ul" className="flex flex-col divide-y divide-stone-100 p-0">
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
        </Card>
      </section>

      {manages ? (
        <section aria-labelledby="pending-heading" className="flex flex-col gap-3">
          <h2 id="pending-heading" className="text-lg font-semibold">
            Pending invitations ({invitations.length})
          </h2>
          {invitations.length === 0 ? (
            <EmptyState className="p-4">No invitations waiting.</EmptyState>
          ) : (
            <Card as="ul" className="flex flex-col divide-y divide-stone-100 p-0">
              {invitations.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
                  <div>
                    <p className="font-medium">{i.email}</p>
                    <p className="text-sm text-stone-600">
                      {ROLE_LABELS[i.role]} ·{" "}
                      {i.expired
                        ? "expired, send it again"
                        : `expires ${formatDate(i.expiresAt, active.timeZone)}`}
                    </p>
                  </div>
                  <InvitationActions invitationId={i.id} email={i.email} />
                </li>
              ))}
            </Card>
          )}
        </section>
      ) : null}

      <section aria-labelledby="roles-heading" className="flex flex-col gap-3">
        <h2 id="roles-heading" className="text-lg font-semibold">
          Roles and permissions
        </h2>
        <p className="text-sm text-stone-600">The server enforces this same table on every action.</p>
        <Table>
          <TableCaption>What each role may do</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>Permission</TableHead>
              {STAFF_ROLES.map((r) => (
                <TableHead key={r} align="center">
                  {ROLE_LABELS[r]}
                </TableHead>
              ))}
            </tr>
          </TableHeader>
          <TableBody>
            {(Object.entries(PERMISSIONS) as [Permission, string][]).map(([permission, label]) => (
              <tr key={permission}>
                <TableRowHeader>{label}</TableRowHeader>
                {STAFF_ROLES.map((r) => (
                  <TableCell key={r} align="center">
                    {can(r, permission) ? (
                      <span aria-label="allowed" className="font-bold text-emerald-700">
                        ✓
                      </span>
                    ) : (
                      <span aria-label="not allowed" className="text-stone-400">
                        —
                      </span>
                    )}
                  </TableCell>
                ))}
              </tr>
            ))}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
