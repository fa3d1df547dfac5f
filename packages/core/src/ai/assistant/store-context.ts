import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { products } from "@cannasaas/db/schema";
import type { KV } from "@cannasaas/integrations/kv";
import { STATE_LIMITS } from "../../compliance/limits-table";
import { cachedCategories, cachedMenuRead } from "../../catalog/menu-cache";
import { readStorefrontLocations } from "../../catalog/menu-reads";
import type { MentionContext, StoreLinks } from "../guards";
import type { Grounding } from "./tools";

/** Effects a menu shows (see the catalog seed): plain words the guard lets an answer use. */
const EFFECTS = [
  "Relaxed",
  "Happy",
  "Euphoric",
  "Uplifted",
  "Creative",
  "Sleepy",
  "Energetic",
  "Focused",
  "Hungry",
  "Talkative",
  "Tingly",
  "Aroused",
  "Giggly",
];

export type StoreContext = {
  name: string;
  stateName: string;
  categories: string[];
  locations: { id: string; name: string; city: string; label: string }[];
  /** Every product name of the tenant (any status), so a real but unavailable product is recognised. */
  catalogNames: string[];
  vocabulary: string[];
};

/** What the prompt and the guards need to know about the store, read through the menu cache. */
export async function loadStoreContext(
  deps: { db: DbOrTx; kv: KV },
  organizationId: string,
  store: { name: string; state: string },
): Promise<StoreContext> {
  const [categories, locations, catalogNames] = await Promise.all([
    cachedCategories(deps, organizationId),
    readStorefrontLocations(deps, organizationId),
    cachedMenuRead(deps.kv, organizationId, "ai:product-names", ["products"], async () =>
      (
        await deps.db
          .select({ name: products.name })
          .from(products)
          .where(and(eq(products.organizationId, organizationId)))
      ).map((r) => r.name),
    ),
  ]);
  const stateName = STATE_LIMITS[store.state]?.name ?? store.state;
  return {
    name: store.name,
    stateName,
    categories: categories.map((c) => c.name),
    locations: locations.map((l) => ({
      id: l.id,
      name: l.name,
      city: l.city,
      label: `${l.name} (${l.city})`,
    })),
    catalogNames,
    vocabulary: [
      store.name,
      stateName,
      ...categories.map((c) => c.name),
      ...locations.flatMap((l) => [l.name, l.city]),
      ...EFFECTS,
    ],
  };
}

/** Dollar amounts the shopper wrote ("under $40"): the answer may repeat them. */
export function shopperAmounts(message: string): number[] {
  return [...message.matchAll(/\$?\s?(\d{1,5})(?:\.(\d{2}))?/g)].map(
    (m) => Number(m[1]) * 100 + Number(m[2] ?? 0),
  );
}

export function mentionContext(
  store: StoreContext,
  grounding: Grounding,
  message: string,
  links: StoreLinks,
): MentionContext {
  return {
    links,
    allowed: [...grounding.allowed.values()],
    catalogNames: [...new Set([...store.catalogNames, ...grounding.seenNames])],
    vocabulary: [...store.vocabulary, ...grounding.vocabulary],
    amountsCents: new Set([...grounding.amountsCents, ...shopperAmounts(message)]),
  };
}
