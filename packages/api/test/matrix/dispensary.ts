/** A dispensary opened through `onboarding.signUp` during the matrix run (tenant D), for team and wizard entries. */
import { eq } from "drizzle-orm";
import {
  invitations,
  memberships,
  organizations,
  outboxMessages,
  users,
  type EmailPayload,
} from "@cannasaas/db/schema";
import type { SessionUser } from "../../src";
import { api, delivered, handle, HOST } from "./world";

export type Dispensary = { orgId: string; slug: string; owner: SessionUser };

let counter = 0;
export async function openDispensary(tag = `mx-d${++counter}`): Promise<Dispensary> {
  const email = `owner@${tag}.test`;
  // The answer is only a "check your email" message (it must not reveal accounts): look the rows up.
  await (
    await api(HOST.platform)
  ).onboarding.signUp({
    ownerName: `Owner ${tag}`,
    email,
    password: "a-long-enough-password",
    dispensaryName: `Store ${tag}`,
    slug: tag,
    state: "CA",
  });
  const [org] = await handle.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, tag));
  const [owner] = await handle.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!org || !owner) throw new Error(`sign-up of ${tag} created no dispensary`);
  return { orgId: org.id, slug: tag, owner: { id: owner.id, email } };
}

let shared: Promise<Dispensary> | null = null;
/** One dispensary shared by entries that only read it or add to it. */
export const dispensaryD = () => (shared ??= openDispensary("mx-d"));

export const asOwner = async (d: Dispensary, org = d.orgId) => api(HOST.platform, { user: d.owner, org });

export async function membersOf(orgId: string) {
  return handle.db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.organizationId, orgId));
}

export async function invitationsOf(orgId: string) {
  return handle.db.select().from(invitations).where(eq(invitations.organizationId, orgId));
}

/** The token from the most recently delivered invitation email to `email`. */
export async function invitationToken(email: string) {
  for (const id of [...delivered].reverse()) {
    const [row] = await handle.db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
    const payload = row?.payload as EmailPayload | undefined;
    if (row?.topic === "team.invitation" && payload?.to === email) {
      const match = /\/invite\/([A-Za-z0-9_-]+)/.exec(payload.text);
      if (match?.[1]) return { token: match[1], payload, organizationId: row.organizationId };
    }
  }
  throw new Error(`no invitation delivered to ${email}`);
}
