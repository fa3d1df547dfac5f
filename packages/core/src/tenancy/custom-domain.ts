import { and, eq, ne } from "drizzle-orm";
import { organizations } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import type { Database } from "@cannasaas/db/client";
import { DomainError } from "../errors";
import { assertFeature } from "../plans/features";
import { parseHost } from "./hosts";
import { updateOrganization } from "./tenants";

/**
 * Points a custom domain at the organization's storefront (Enterprise: `custom_domain`). Removing one is always
 * allowed, so an organization that lost the feature can clean up. DNS is the owner's part: the domain must have a
 * CNAME to the platform before shoppers reach the store through it.
 */
export async function setCustomDomain(
  deps: { db: Database; kv: KV },
  organizationId: string,
  input: { domain: string | null; rootDomain: string },
) {
  if (input.domain === null) {
    const updated = await updateOrganization(deps, organizationId, { customDomain: null });
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
  const updated = await updateOrganization(deps, organizationId, { customDomain: parsed.domain });
  return { id: updated.id, customDomain: updated.customDomain };
}

export async function getCustomDomain(db: Database, organizationId: string) {
  const [row] = await db
    .select({ slug: organizations.slug, customDomain: organizations.customDomain })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!row) throw new DomainError("NOT_FOUND", "Organization not found.");
  return row;
}
