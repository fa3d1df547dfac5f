import { eq } from "drizzle-orm";
import { categories, memberships, organizations, STANDARD_CATEGORIES, users } from "@cannasaas/db/schema";
import type { Transaction } from "@cannasaas/db/client";
import type { CoreDeps } from "../deps";
import { DomainError } from "../errors";
import { RESERVED_SUBDOMAINS, SLUG_PATTERN } from "../tenancy/hosts";
import { defaultTimeZone, US_STATES } from "./us";

export const TRIAL_DAYS = 14;

export type DispensarySignUp = {
  ownerName: string;
  email: string;
  passwordHash: string;
  dispensaryName: string;
  slug: string;
  state: string;
};

/** Why a subdomain cannot be used, or null when it is free. */
export async function slugProblem(deps: Pick<CoreDeps, "db">, slug: string): Promise<string | null> {
  if (slug.length < 3 || !SLUG_PATTERN.test(slug)) {
    return "Use 3 to 63 lower-case letters, digits and hyphens, starting and ending with a letter or digit.";
  }
  if (RESERVED_SUBDOMAINS.has(slug)) return `"${slug}" is reserved. Choose another address.`;
  const [taken] = await deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.slug, slug))
    .limit(1);
  return taken ? `${slug} is already taken. Choose another address.` : null;
}

const slugTaken = (slug: string) =>
  new DomainError("CONFLICT", `${slug} is already taken. Choose another address.`, { field: "slug" });
/**
 * Writes the owner's email in the sign-up's transaction and returns the outbox ids to deliver after commit:
 * a confirmation link for a new owner (`userId` set), a "you already have an account" note otherwise.
 */
export type DispensaryOwnerNotice = (
  tx: Transaction,
  owner: { email: string; userId: string | null; organizationId: string | null },
) => Promise<string[]>;

/**
 * Opens a dispensary: the owner's account (unverified until the emailed link is followed), the organization
 * (starter plan, 14-day trial, not launched), the owner membership and the standard menu categories, in one
 * transaction with the owner's email. An email that already has an account creates nothing and gets a note
 * instead, and the caller answers the same either way, so the form reveals no accounts (`created` is null).
 * The unique indexes decide a race for the same slug (the loser gets a readable CONFLICT, nothing written) or
 * email (the loser is answered as an existing account).
 */
export async function signUpDispensary(
  deps: Pick<CoreDeps, "db" | "clock">,
  input: DispensarySignUp,
  notify: DispensaryOwnerNotice,
) {
  const problem = await slugProblem(deps, input.slug);
  if (problem) {
    throw new DomainError(problem.includes("taken") ? "CONFLICT" : "BAD_REQUEST", problem, { field: "slug" });
  }
  if (!US_STATES[input.state]) {
    throw new DomainError("BAD_REQUEST", "Choose the US state you are licensed in.", { field: "state" });
  }
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.ownerName, passwordHash: input.passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) {
      const outboxIds = await notify(tx, { email: input.email, userId: null, organizationId: null });
      return { created: null, outboxIds };
    }
    const [org] = await tx
      .insert(organizations)
      .values({
        slug: input.slug,
        name: input.dispensaryName,
        state: input.state,
        timeZone: defaultTimeZone(input.state),
        branding: { primaryColor: "#1f7a4d", accentColor: "#f2b705" },
        compliance: {
          idVerificationRequired: true,
          medicalEnabled: false,
          adultUseEnabled: true,
          idVerificationValidDays: 90,
        },
        plan: "starter",
        subscriptionStatus: "trialing",
        trialEndsAt: new Date(now.getTime() + TRIAL_DAYS * 24 * 60 * 60_000),
        launchedAt: null,
        onboarding: { currentStep: "business", completedSteps: [] },
      })
      .onConflictDoNothing({ target: organizations.slug })
      .returning({ id: organizations.id, slug: organizations.slug });
    if (!org) throw slugTaken(input.slug);
    await tx.insert(memberships).values({ organizationId: org.id, userId: user.id, role: "owner" });
    await tx
      .insert(categories)
      .values(STANDARD_CATEGORIES.map((c, position) => ({ ...c, organizationId: org.id, position })));
    const outboxIds = await notify(tx, { email: input.email, userId: user.id, organizationId: org.id });
    return { created: { userId: user.id, organizationId: org.id, slug: org.slug }, outboxIds };
  });
}
