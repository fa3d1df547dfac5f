import { eq } from "drizzle-orm";
import { categories, memberships, organizations, STANDARD_CATEGORIES, users } from "@cannasaas/db/schema";
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
const emailTaken = () =>
  new DomainError(
    "CONFLICT",
    "An account with this email already exists. Sign in to the dashboard, or use another email.",
    { field: "email" },
  );

/**
 * Opens a dispensary: the owner's account, the organization (starter plan, 14-day trial, not launched) and the
 * owner membership (and the standard menu categories), in one transaction. The unique indexes decide a race for the same slug or email, so the
 * loser gets a readable CONFLICT and nothing of theirs is written.
 */
export async function signUpDispensary(deps: Pick<CoreDeps, "db" | "clock">, input: DispensarySignUp) {
  const problem = await slugProblem(deps, input.slug);
  if (problem) {
    throw new DomainError(problem.includes("taken") ? "CONFLICT" : "BAD_REQUEST", problem, { field: "slug" });
  }
  if (!US_STATES[input.state]) {
    throw new DomainError("BAD_REQUEST", "Choose the US state you are licensed in.", { field: "state" });
  }
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, input.email))
      .limit(1);
    if (existing) throw emailTaken();
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        name: input.ownerName,
        passwordHash: input.passwordHash,
        // The owner signs in straight away to set the store up (see README: email ownership is not proven here).
        emailVerified: now,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) throw emailTaken();
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
    return { userId: user.id, organizationId: org.id, slug: org.slug };
  });
}
