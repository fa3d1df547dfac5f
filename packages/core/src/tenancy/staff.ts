import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { locations, memberships, organizations, users } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export type StaffRole = (typeof memberships.$inferSelect)["role"];

/** Every organization a user works for, for the org switcher. */
export async function listMemberships(db: DbOrTx, userId: string) {
  return db
    .select({
      organizationId: organizations.id,
      slug: organizations.slug,
      name: organizations.name,
      role: memberships.role,
      /** The organization's clock, for every time the dashboard shows. */
      timeZone: organizations.timeZone,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organizations.name));
}

export async function getMembership(db: DbOrTx, userId: string, organizationId: string) {
  const [row] = await db
    .select({ id: memberships.id, role: memberships.role, organizationId: memberships.organizationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId)))
    .limit(1);
  return row ?? null;
}

/** The dashboard home: the organization, its locations and its team. */
export async function getOrganizationOverview(db: DbOrTx, organizationId: string) {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  if (!org) throw new DomainError("NOT_FOUND", "That organization does not exist.");
  const [orgLocations, team] = await Promise.all([
    db
      .select()
      .from(locations)
      .where(eq(locations.organizationId, organizationId))
      .orderBy(asc(locations.name)),
    db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: memberships.role,
        since: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, organizationId))
      .orderBy(asc(memberships.role), asc(users.email)),
  ]);
  return {
    organization: {
      id: org.id,
      slug: org.slug,
      name: org.name,
      legalName: org.legalName,
      licenseNumber: org.licenseNumber,
      licenseType: org.licenseType,
      state: org.state,
      timeZone: org.timeZone,
      plan: org.plan,
      subscriptionStatus: org.subscriptionStatus,
      launchedAt: org.launchedAt,
      branding: org.branding,
    },
    locations: orgLocations.map((l) => ({
      id: l.id,
      name: l.name,
      address: `${l.addressLine1}, ${l.city}, ${l.state} ${l.postalCode}`,
      timeZone: l.timeZone,
      hours: l.hours,
      pickupEnabled: l.pickupEnabled,
      deliveryEnabled: l.deliveryEnabled,
      metrcLicenseNumber: l.metrcLicenseNumber,
      state: l.state,
      medicalEndorsed: l.medicalEndorsed,
    })),
    team,
  };
}
