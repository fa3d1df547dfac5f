import { and, eq, ne } from "drizzle-orm";
import { customDomainVerifications, organizations } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import type { Database } from "@cannasaas/db/client";
import { DomainError } from "../errors";
import { assertFeature } from "../plans/features";
import {
  forgetDomainVerification,
  startDomainVerification,
  verificationRecords,
} from "./domain-verification";
import { parseHost } from "./hosts";
import { updateOrganization } from "./tenants";

/**
 * Points a custom domain at the organization's storefront (Enterprise: `custom_domain`). Removing one is always
 * allowed, so an organization that lost the feature can clean up. A newly saved domain serves nothing until
 * `checkCustomDomain` finds its TXT token or CNAME in DNS (domain-verification.ts).
 */
export async function setCustomDomain(
  deps: { db: Database; kv: KV },
  organizationId: string,
  input: { domain: string | null; rootDomain: string },
) {
  if (input.domain === null) {
    const updated = await updateOrganization(deps, organizationId, { customDomain: null });
    await forgetDomainVerification(deps.db, organizationId);
    return { id: updated.id, customDomain: updated.customDomain };
  }
  await assertFeature(deps, organizationId, "custom_domain");
  const parsed = parseHost(input.domain, input.rootDomain);
  if (parsed.kind !== "custom-domain" || !parsed.domain.includes("."))
    throw new DomainError(
      "BAD_REQUEST",
      "Enter a domain you own, like shop.example.com (not an address on this platform).",
      { field: "domain" },
    );
  const [taken] = await deps.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.customDomain, parsed.domain), ne(organizations.id, organizationId)));
  if (taken)
    throw new DomainError("CONFLICT", "That domain is already used by another store.", { field: "domain" });
  const [current] = await deps.db
    .select({ domain: customDomainVerifications.domain })
    .from(customDomainVerifications)
    .where(eq(customDomainVerifications.organizationId, organizationId));
  const updated = await updateOrganization(deps, organizationId, { customDomain: parsed.domain });
  // Saving the same domain again keeps its token (and verdict), so the owner's DNS record stays valid.
  if (current?.domain !== parsed.domain)
    await startDomainVerification(deps.db, organizationId, parsed.domain, {
      slug: updated.slug,
      rootDomain: input.rootDomain,
    });
  return { id: updated.id, customDomain: updated.customDomain };
}

/** The saved domain, the DNS records that verify it and where verification stands. */
export async function getCustomDomain(db: Database, organizationId: string) {
  const [row] = await db
    .select({
      slug: organizations.slug,
      timeZone: organizations.timeZone,
      customDomain: organizations.customDomain,
      domain: customDomainVerifications.domain,
      token: customDomainVerifications.token,
      cnameTarget: customDomainVerifications.cnameTarget,
      verifiedAt: customDomainVerifications.verifiedAt,
      lastCheckedAt: customDomainVerifications.lastCheckedAt,
      lastError: customDomainVerifications.lastError,
    })
    .from(organizations)
    .leftJoin(customDomainVerifications, eq(customDomainVerifications.organizationId, organizations.id))
    .where(eq(organizations.id, organizationId));
  if (!row) throw new DomainError("NOT_FOUND", "Organization not found.");
  const pending = row.customDomain && row.domain === row.customDomain && row.token ? row : null;
  return {
    slug: row.slug,
    timeZone: row.timeZone,
    customDomain: row.customDomain,
    verification: pending
      ? {
          records: verificationRecords({
            domain: pending.customDomain!,
            token: pending.token!,
            cnameTarget: pending.cnameTarget!,
          }),
          verifiedAt: pending.verifiedAt,
          lastCheckedAt: pending.lastCheckedAt,
          lastError: pending.lastError,
        }
      : null,
  };
}
