/**
 * Kushy (kushyapp/cannabis-dataset, 2017-11-14, MIT, Copyright Kushy) normalisation, shared by the
 * one-off extractor (`scripts/extract-kushy.ts`) and the demo seed, which reads only the trimmed
 * copies shipped in `packages/db/seed-data/`.
 *
 * Units: potency is stored as basis points of percent (21.5% -> 2150) for flower, pre-rolls, vapes
 * and concentrates, and as milligrams per package (`thcMg`) for edibles, tinctures and topicals.
 * Kushy's product `thc`/`cbd` columns mix the two ("83.97%", "150mg", "1,000mg"); its strain
 * `thc`/`cbd` columns are already hundredths of a percent (Blue Dream "2000" = 20%).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { slugify } from "../slug";

export type CategorySlug =
  "flower" | "pre-roll" | "vape" | "edible" | "concentrate" | "tincture" | "topical" | "accessory";
export type StrainType = "indica" | "sativa" | "hybrid" | "cbd";

export const PERCENT_CATEGORIES: ReadonlySet<CategorySlug> = new Set([
  "flower",
  "pre-roll",
  "vape",
  "concentrate",
]);
export const MG_CATEGORIES: ReadonlySet<CategorySlug> = new Set(["edible", "tincture", "topical"]);

/** A product ready to be written for one organization (brand null = the organization's house brand). */
export type CatalogItem = {
  /** Stable identity used for deterministic choices: "kushy:123", "strain:blue-dream", "accessory:grinder". */
  key: string;
  category: CategorySlug;
  /** Kushy's second-level category, e.g. "Shatter", "Candy", "Disposable Vape". */
  subtype: string | null;
  name: string;
  brandName: string | null;
  strainName: string | null;
  strainType: StrainType | null;
  thcBps: number | null;
  cbdBps: number | null;
  thcMg: number | null;
  cbdMg: number | null;
  effects: string[];
  terpenes: string[];
  description: string;
};

// ---------------------------------------------------------------------------------------------
// Text helpers

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
  hellip: "…",
};

/** Removes HTML tags and decodes the common entities; collapses whitespace. */
export function stripHtml(html: string): string {
  return collapseSpace(
    html
      .replace(/<\s*(br|\/p|\/div|\/li)\s*\/?>/gi, " ")
      .replace(/<[^>]*>/g, "")
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number.parseInt(dec, 10)))
      .replace(/&([a-z]+);/gi, (whole, name: string) => NAMED_ENTITIES[name.toLowerCase()] ?? whole),
  );
}

export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Cuts at a word boundary and adds an ellipsis when the text is longer than `max`. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "")}…`;
}

/**
 * Words that turn a product or strain blurb into a health claim. Sentences containing them are
 * dropped: a storefront may describe a product, not promise it treats anything.
 */
const MEDICAL_CLAIM =
  /\b(pain|relie(f|ve|ving)|treat|cure|heal|insomnia|depress|anxi|stress|nausea|appetite|medic|symptom|therap|inflamm|seizure|epilep|migraine|arthritis|cancer|ptsd|disorder|disease|ailment|spasm|chronic|patient)/i;

/** Keeps only the sentences that make no health claim. */
export function withoutMedicalClaims(text: string): string {
  const sentences = text.match(/[^.!?]+[.!?]*/g) ?? [];
  return collapseSpace(sentences.filter((s) => !MEDICAL_CLAIM.test(s)).join(" "));
}

// ---------------------------------------------------------------------------------------------
// Categories and potency

/**
 * Maps Kushy's category strings ("Flowers,Pre-Roll", "Concentrate,Shatter,", "Edibles,Candy,",
 * "Vapes,Vape Cartidge," [sic]) to ours. Returns null for an empty or ambiguous category (RSO is
 * filed as both concentrate and topical).
 */
export function mapKushyCategory(raw: string): { category: CategorySlug; subtype: string | null } | null {
  const parts = raw
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const head = parts[0]?.toLowerCase();
  if (!head) return null;
  const rest = parts.slice(1);
  const sub = rest[0] ? normaliseSubtype(rest[0]) : null;
  if (head === "flowers" || head === "flower") {
    return rest.some((p) => /pre-?roll/i.test(p))
      ? { category: "pre-roll", subtype: null }
      : { category: "flower", subtype: null };
  }
  if (head.startsWith("pre-roll") || head.startsWith("preroll"))
    return { category: "pre-roll", subtype: null };
  if (head === "concentrate" || head === "concentrates") {
    if (rest.some((p) => /topical/i.test(p))) return null;
    return { category: "concentrate", subtype: sub };
  }
  if (head === "vapes" || head === "vape" || head.startsWith("vape cart")) {
    return { category: "vape", subtype: sub ?? (head.startsWith("vape cart") ? "Vape Cartridge" : null) };
  }
  if (head === "edibles" || head === "edible") return { category: "edible", subtype: sub };
  if (head === "tincture" || head === "tinctures") return { category: "tincture", subtype: sub };
  if (head === "topical" || head === "topicals") return { category: "topical", subtype: sub };
  if (head === "accessory" || head === "accessories") return { category: "accessory", subtype: sub };
  return null;
}

function normaliseSubtype(raw: string): string {
  return raw.replace(/cartidge/i, "Cartridge");
}

export type Potency = { unit: "percent"; value: number } | { unit: "mg"; value: number };

/** Parses "83.97%", "150mg", "1,000mg", "0%"; anything else is null. */
export function parsePotency(raw: string | null | undefined): Potency | null {
  if (!raw) return null;
  const m = /^\s*(\d[\d,]*(?:\.\d+)?)\s*(%|mg)\s*$/i.exec(raw);
  if (!m?.[1] || !m[2]) return null;
  const value = Number.parseFloat(m[1].replace(/,/g, ""));
  if (!Number.isFinite(value) || value < 0) return null;
  return { unit: m[2] === "%" ? "percent" : "mg", value };
}

/** Plausible ranges; values outside them are discarded as data-entry errors rather than clamped. */
const THC_PERCENT_MAX: Partial<Record<CategorySlug, number>> = {
  flower: 40,
  "pre-roll": 40,
  vape: 99.9,
  concentrate: 99.9,
};
const THC_MG_MAX: Partial<Record<CategorySlug, number>> = { edible: 1000, tincture: 3000, topical: 3000 };

export type ProductPotency = {
  thcBps: number | null;
  cbdBps: number | null;
  thcMg: number | null;
  cbdMg: number | null;
};

/**
 * Applies Kushy `thc`/`cbd` strings to a category: percent only for smokables/vapes/concentrates,
 * milligrams only for edibles/tinctures/topicals. A mismatched unit is ignored (a pre-roll listed as
 * "1,000mg" has no usable percentage; an edible never gets basis points).
 */
export function potencyFor(category: CategorySlug, thcRaw: string, cbdRaw: string): ProductPotency {
  const out: ProductPotency = { thcBps: null, cbdBps: null, thcMg: null, cbdMg: null };
  const thc = parsePotency(thcRaw);
  const cbd = parsePotency(cbdRaw);
  if (PERCENT_CATEGORIES.has(category)) {
    const max = THC_PERCENT_MAX[category] ?? 99.9;
    if (thc?.unit === "percent" && thc.value >= 1 && thc.value <= max)
      out.thcBps = Math.round(thc.value * 100);
    if (cbd?.unit === "percent" && cbd.value <= 99.9) out.cbdBps = Math.round(cbd.value * 100);
    if (out.thcBps !== null && out.cbdBps !== null && out.thcBps + out.cbdBps > 10000) out.cbdBps = null;
    // An extract with under 20% total cannabinoids is a data-entry error (e.g. an "oil" listed at 9.8% THC).
    if ((category === "vape" || category === "concentrate") && (out.thcBps ?? 0) + (out.cbdBps ?? 0) < 2000) {
      out.thcBps = null;
      out.cbdBps = null;
    }
  } else if (MG_CATEGORIES.has(category)) {
    const max = THC_MG_MAX[category] ?? 1000;
    if (thc?.unit === "mg" && thc.value >= 1 && thc.value <= max) out.thcMg = Math.round(thc.value);
    if (cbd?.unit === "mg" && cbd.value >= 1 && cbd.value <= 3000) out.cbdMg = Math.round(cbd.value);
  }
  return out;
}

/** Kushy strain THC/CBD (hundredths of a percent) to basis points, keeping plausible flower values only. */
export function strainPotency(
  thcRaw: string,
  cbdRaw: string,
): { thcBps: number | null; cbdBps: number | null } {
  const thc = Number.parseInt(thcRaw, 10);
  const cbd = Number.parseInt(cbdRaw, 10);
  return {
    // Kushy uses "127" as a filler value; anything below 3% or above 35% is not a usable flower THC.
    thcBps: Number.isFinite(thc) && thc >= 300 && thc <= 3500 ? thc : null,
    cbdBps: Number.isFinite(cbd) && cbd >= 100 && cbd <= 2500 ? cbd : null,
  };
}

export function parseStrainType(raw: string): Exclude<StrainType, "cbd"> | null {
  const t = raw.trim().toLowerCase();
  return t === "indica" || t === "sativa" || t === "hybrid" ? t : null;
}

/** Kushy effects include side effects ("Dry Mouth", "Paranoid"); a menu shows only these. */
const MENU_EFFECTS = new Set([
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
]);

export function splitList(raw: string | null | undefined): string[] {
  if (!raw || raw === "NULL") return [];
  return raw
    .split(",")
    .map((s) => collapseSpace(s))
    .filter((s) => s.length > 0);
}

export function menuEffects(raw: string): string[] {
  return [...new Set(splitList(raw).filter((e) => MENU_EFFECTS.has(e)))].slice(0, 5);
}

/** Lower-case, parentheticals removed, punctuation to spaces: for comparing product and strain names. */
export function nameKey(text: string): string {
  return collapseSpace(
    text
      .toLowerCase()
      .replace(/\([^)]*\)/g, " ")
      .replace(/[^a-z0-9#]+/g, " "),
  );
}

/**
 * Kushy attaches a strain to nearly every product, often arbitrarily (edibles are mostly "ACDC").
 * A strain is trusted only for flower/pre-roll/vape/concentrate products whose name is that strain
 * (e.g. "Sunset Sherbert - Shatter" or "Sherbert - Pre-roll" for strain "Sunset Sherbert").
 */
export function strainMatchesProduct(
  category: CategorySlug,
  productName: string,
  strainName: string,
): boolean {
  if (!PERCENT_CATEGORIES.has(category) || !strainName) return false;
  const prefix = nameKey(productName.replace(/\([^)]*\)/g, " ").split(" - ")[0] ?? "");
  const strain = nameKey(strainName);
  if (!prefix || !strain) return false;
  if (prefix === strain) return true;
  const contains = (outer: string, inner: string) => ` ${outer} `.includes(` ${inner} `);
  return (strain.length >= 4 && contains(prefix, strain)) || (prefix.length >= 6 && contains(strain, prefix));
}

/** Strain type named in a product title ("Indica Gummies", "Sativa Slips"). */
export function strainTypeFromName(name: string): Exclude<StrainType, "cbd"> | null {
  if (/\bindica\b/i.test(name)) return "indica";
  if (/\bsativa\b/i.test(name)) return "sativa";
  if (/\bhybrid\b/i.test(name)) return "hybrid";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Shipped seed data (packages/db/seed-data)

export const SEED_DATA_DIR = new URL("../../seed-data/", import.meta.url);

export type ShippedProductRow = {
  source: "kushy" | "strain";
  kushy_id: string;
  name: string;
  brand: string;
  category: string;
  strain: string;
  thc: string;
  cbd: string;
};
export type ShippedStrainRow = {
  name: string;
  type: string;
  effects: string;
  flavors: string;
  terpenes: string;
  thc: string;
  cbd: string;
  description: string;
};
export type ShippedBrandRow = { name: string; slug: string; state: string; categories: string };

export const PRODUCT_COLUMNS = [
  "source",
  "kushy_id",
  "name",
  "brand",
  "category",
  "strain",
  "thc",
  "cbd",
] as const;
export const STRAIN_COLUMNS = [
  "name",
  "type",
  "effects",
  "flavors",
  "terpenes",
  "thc",
  "cbd",
  "description",
] as const;
export const BRAND_COLUMNS = ["name", "slug", "state", "categories"] as const;

function readCsv<T extends string>(dir: URL, file: string, columns: readonly T[]): Record<T, string>[] {
  const text = readFileSync(new URL(file, dir), "utf8");
  const records = parse<Record<string, unknown>>(text, { columns: true, skip_empty_lines: true });
  return records.map((record, i) => {
    const row = {} as Record<T, string>;
    for (const column of columns) {
      const value = record[column];
      if (typeof value !== "string") throw new Error(`${file}: row ${i + 2} has no "${column}" column`);
      row[column] = value;
    }
    return row;
  });
}

export type ShippedKushy = {
  products: ShippedProductRow[];
  strains: ShippedStrainRow[];
  brands: ShippedBrandRow[];
};

export function readShippedKushy(dir: URL = SEED_DATA_DIR): ShippedKushy {
  const products = readCsv(dir, "kushy-products.csv", PRODUCT_COLUMNS).map((row): ShippedProductRow => {
    const source = row.source;
    if (source !== "kushy" && source !== "strain")
      throw new Error(`kushy-products.csv: unknown source "${source}"`);
    return { ...row, source };
  });
  return {
    products,
    strains: readCsv(dir, "kushy-strains.csv", STRAIN_COLUMNS),
    brands: readCsv(dir, "kushy-brands.csv", BRAND_COLUMNS),
  };
}

const TYPE_LABEL: Record<StrainType, string> = {
  indica: "an indica",
  sativa: "a sativa",
  hybrid: "a hybrid",
  cbd: "a CBD-dominant",
};

function formatPercent(bps: number): string {
  return `${(bps / 100).toFixed(1).replace(/\.0$/, "")}%`;
}

function joinLower(list: readonly string[]): string {
  return list.map((s) => s.toLowerCase()).join(", ");
}

/** A short factual description (no health claims) for a product without a usable Kushy text. */
export function describeItem(
  item: Omit<CatalogItem, "description" | "key">,
  flavors: readonly string[],
): string {
  const by = item.brandName ? ` from ${item.brandName}` : "";
  const strainPart =
    item.strainName && item.strainType
      ? `, made with ${item.strainName}, ${TYPE_LABEL[item.strainType]} strain`
      : "";
  const sentences: string[] = [];
  const sub = item.subtype?.toLowerCase();
  switch (item.category) {
    case "flower":
      sentences.push(
        item.strainType
          ? `${item.name} is ${TYPE_LABEL[item.strainType]} strain sold as whole flower.`
          : `${item.name} whole flower.`,
      );
      break;
    case "pre-roll":
      sentences.push(`A pre-rolled joint${by}${strainPart}.`);
      break;
    case "vape":
      sentences.push(
        `${sub === "disposable vape" ? "A disposable vape" : "A 510-thread vape cartridge"}${by}${strainPart}.`,
      );
      break;
    case "concentrate":
      sentences.push(`${sub ? capitalise(sub) : "Cannabis concentrate"}${by}${strainPart}.`);
      break;
    case "edible":
      sentences.push(`${edibleNoun(sub)}${by}.`);
      break;
    case "tincture":
      sentences.push(`A cannabis tincture${by}, dosed by the dropper.`);
      break;
    case "topical":
      sentences.push(
        `${sub === "bath" ? "A cannabis-infused bath product" : "A cannabis-infused topical for external use"}${by}.`,
      );
      break;
    case "accessory":
      sentences.push(`An accessory${by}.`);
      break;
  }
  if (item.thcBps !== null) {
    sentences.push(
      `THC ${formatPercent(item.thcBps)}${item.cbdBps ? `, CBD ${formatPercent(item.cbdBps)}` : ""}.`,
    );
  } else if (item.thcMg !== null || item.cbdMg !== null) {
    const parts = [
      item.thcMg !== null ? `${item.thcMg} mg THC` : null,
      item.cbdMg !== null ? `${item.cbdMg} mg CBD` : null,
    ].filter((p): p is string => p !== null);
    const unit =
      item.category === "tincture" ? "bottle" : item.category === "topical" ? "container" : "package";
    sentences.push(`Contains ${parts.join(" and ")} per ${unit}.`);
  }
  if (item.effects.length > 0) sentences.push(`Commonly reported effects: ${joinLower(item.effects)}.`);
  if (flavors.length > 0) sentences.push(`Flavor notes: ${joinLower(flavors.slice(0, 4))}.`);
  return sentences.join(" ");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function edibleNoun(sub: string | undefined): string {
  switch (sub) {
    case "candy":
      return "A cannabis-infused candy";
    case "chocolate":
      return "A cannabis-infused chocolate";
    case "drink":
      return "A cannabis-infused drink";
    case "snack":
      return "A cannabis-infused snack";
    case "pill":
      return "Cannabis capsules";
    case "spread":
      return "A cannabis-infused spread";
    default:
      return "A cannabis-infused edible";
  }
}

/**
 * Turns the shipped CSV rows into catalog items (order preserved). Flower rows (`source=strain`) are
 * built from Kushy strains because the 2017 Kushy product list has virtually no loose flower; they
 * carry no brand (the seed files them under each dispensary's house brand).
 */
export function buildCatalogItems(data: ShippedKushy): CatalogItem[] {
  const strains = new Map(data.strains.map((s) => [nameKey(s.name), s]));
  const items: CatalogItem[] = [];
  for (const row of data.products) {
    const mapped = mapKushyCategory(row.category);
    if (!mapped) throw new Error(`kushy-products.csv: unusable category "${row.category}" for "${row.name}"`);
    const { category, subtype } = mapped;
    const strain = row.strain ? strains.get(nameKey(row.strain)) : undefined;
    const trusted =
      strain !== undefined &&
      (row.source === "strain" || strainMatchesProduct(category, row.name, strain.name));

    let potency: ProductPotency;
    if (row.source === "strain") {
      potency = { ...strainPotency(strain?.thc ?? "", strain?.cbd ?? ""), thcMg: null, cbdMg: null };
    } else {
      potency = potencyFor(category, row.thc, row.cbd);
    }

    let strainType: StrainType | null =
      (trusted ? parseStrainType(strain.type) : null) ?? strainTypeFromName(row.name);
    const thc = potency.thcBps ?? potency.thcMg;
    const cbd = potency.cbdBps ?? potency.cbdMg;
    if (cbd !== null && cbd > 0 && (thc === null || cbd > thc)) strainType = "cbd";

    const base = {
      category,
      subtype,
      name: row.name,
      brandName: row.brand || null,
      strainName: trusted ? strain.name : null,
      strainType,
      ...potency,
      effects: trusted ? menuEffects(strain.effects) : [],
      terpenes: trusted ? splitList(strain.terpenes) : [],
    };
    const flavors = trusted ? splitList(strain.flavors) : [];
    const strainText = trusted ? withoutMedicalClaims(strain.description) : "";
    const generated = describeItem(base, flavors);
    items.push({
      key: row.source === "strain" ? `strain:${slugify(row.name)}` : `kushy:${row.kushy_id}`,
      ...base,
      description: strainText ? `${strainText} ${generated}` : generated,
    });
  }
  return items;
}
