/**
 * One-off developer tool: picks a deterministic, attribution-ready subset of the Kushy dataset and
 * writes it (trimmed to the columns the seed uses) to packages/db/seed-data/.
 *
 *   pnpm --filter @cannasaas/db seed:extract-kushy /work/shared/data
 *   # or: tsx packages/db/scripts/extract-kushy.ts <dir containing kushy_*_2017-11-14.csv>
 *
 * The product itself never reads outside the repository: the seed only reads the files written here.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import {
  BRAND_COLUMNS,
  type CategorySlug,
  collapseSpace,
  mapKushyCategory,
  menuEffects,
  nameKey,
  PRODUCT_COLUMNS,
  parseStrainType,
  potencyFor,
  type ShippedBrandRow,
  type ShippedProductRow,
  type ShippedStrainRow,
  STRAIN_COLUMNS,
  splitList,
  strainPotency,
  stripHtml,
  truncate,
} from "../src/seed/kushy";
import { VARIANTS } from "../src/seed/catalog";
import { buildCatalogItems, readShippedKushy } from "../src/seed/kushy";
import { variantPrices } from "../src/seed/pricing";
import { hashString } from "../src/seed/random";

const SOURCE_FILES = {
  products: "kushy_products_2017-11-14.csv",
  strains: "kushy_strains_2017-11-14.csv",
  brands: "kushy_brands_2017-11-14.csv",
} as const;

/** How many Kushy products to keep per category (flower is built from strains, see below). */
const QUOTAS: Record<Exclude<CategorySlug, "flower" | "accessory">, number> = {
  "pre-roll": 90,
  vape: 110,
  concentrate: 160,
  edible: 200,
  tincture: 60,
  topical: 60,
};
const FLOWER_STRAINS = 120;
/** At most this many products of one brand per category in the first pass, so menus are not one brand deep. */
const BRAND_CAP = 6;
const CATEGORY_ORDER: CategorySlug[] = [
  "flower",
  "pre-roll",
  "vape",
  "concentrate",
  "edible",
  "tincture",
  "topical",
];

const outDir = new URL("../seed-data/", import.meta.url);

// ---------------------------------------------------------------------------------------------

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error("usage: tsx scripts/extract-kushy.ts <directory with the Kushy 2017-11-14 CSVs>");
  process.exit(1);
}
for (const file of Object.values(SOURCE_FILES)) {
  if (!existsSync(path.join(sourceDir, file))) {
    console.error(`missing ${path.join(sourceDir, file)}`);
    process.exit(1);
  }
}

function readSource(file: string): Record<string, string>[] {
  const records = parse<Record<string, unknown>>(readFileSync(path.join(sourceDir!, file), "utf8"), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  return records.map((r) => {
    const row: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) row[k] = typeof v === "string" && v !== "NULL" ? v : "";
    return row;
  });
}

/** Windows-1252 bytes 0x80-0x9F, for undoing UTF-8 text that was decoded as cp1252 ("â€“" -> "–"). */
const CP1252_HIGH: Record<number, number> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};
const CP1252_REVERSE = new Map<number, number>(
  Object.entries(CP1252_HIGH).map(([byte, cp]) => [cp, Number(byte)]),
);
const utf8 = new TextDecoder("utf-8", { fatal: true });

function fixMojibake(text: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf\u0152-\u2122]/.test(text)) return text;
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const b = cp < 0x100 ? cp : CP1252_REVERSE.get(cp);
    if (b === undefined) return text;
    bytes.push(b);
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return text;
  }
}

function clean(text: string | undefined): string {
  return collapseSpace(fixMojibake(text ?? "")).replace(/\s+-\s*$/, "");
}

/** Real strain names, but not what a demo storefront should show. */
const PROFANE = /fuck|shit|bitch|cunt|\bass\b|pussy|nigg|whore|slut|cock|dick|crack whore/i;
/** Product names that are health claims in themselves ("Pain Stick"); such products are skipped. */
const CLAIM_NAME =
  /\b(pain|relie(f|ve|ving)|cure[sd]?|heal(s|ing)?|insomnia|anxiety|arthritis|cancer|ptsd|migraine|seizures?|sleep aid|anti-inflammatory|inflammation)\b/i;
const JUNK_NAME =
  /\b(sample|samples|tester|dogs?|cats?|pets?|canine|feline|horse|gift ?card|test)\b|^\d+\/\d+$|ounce of cannabis/i;

function usableName(name: string): boolean {
  if (name.length < 3 || name.length > 90) return false;
  if ((name.match(/[a-z]/gi) ?? []).length < 3) return false;
  if (/[\u0080-\u009f\ufffd]|Ã|â€/.test(name)) return false;
  return !JUNK_NAME.test(name) && !PROFANE.test(name) && !CLAIM_NAME.test(name) && !name.includes("...");
}

function usableBrand(brand: string): boolean {
  return brand.length >= 2 && !/^unknown\b/i.test(brand) && !PROFANE.test(brand);
}

// ---------------------------------------------------------------------------------------------
// Load

const rawProducts = readSource(SOURCE_FILES.products);
const rawStrains = readSource(SOURCE_FILES.strains);
const rawBrands = readSource(SOURCE_FILES.brands);

type Strain = { id: number; row: ShippedStrainRow };
/** Kushy has a few duplicate strain names; keep the record with the most data (then the lowest id). */
const strainsByKey = new Map<string, Strain>();
for (const r of rawStrains) {
  const name = clean(r.name);
  if (!usableName(name)) continue;
  const row: ShippedStrainRow = {
    name,
    type: r.type ?? "",
    effects: splitList(r.effects).join(", "),
    flavors: splitList(r.flavor).join(", "),
    terpenes: splitList(r.terpenes).join(", "),
    thc: r.thc ?? "",
    cbd: r.cbd ?? "",
    description: truncate(stripHtml(fixMojibake(r.description ?? "")), 400),
  };
  const candidate = { id: Number(r.id), row };
  const key = nameKey(name);
  const existing = strainsByKey.get(key);
  const filled = (s: ShippedStrainRow) => Object.values(s).filter((v) => v && v !== "0").length;
  if (
    !existing ||
    filled(row) > filled(existing.row) ||
    (filled(row) === filled(existing.row) && candidate.id < existing.id)
  ) {
    strainsByKey.set(key, candidate);
  }
}

const brandsByName = new Map<string, ShippedBrandRow>();
for (const r of rawBrands) {
  const name = clean(r.name);
  if (!usableBrand(name) || brandsByName.has(name.toLowerCase())) continue;
  brandsByName.set(name.toLowerCase(), {
    name,
    slug: r.slug ?? "",
    state: collapseSpace(r.location ?? ""),
    categories: splitList(r.category).join(", "),
  });
}

// ---------------------------------------------------------------------------------------------
// Products

type Candidate = {
  id: number;
  category: Exclude<CategorySlug, "flower" | "accessory">;
  row: ShippedProductRow;
  rank: number[];
};
const byCategory = new Map<CategorySlug, Candidate[]>();
const seen = new Set<string>();
const sortedRaw = [...rawProducts].sort((a, b) => Number(a.id) - Number(b.id));
for (const r of sortedRaw) {
  const mapped = mapKushyCategory(r.category ?? "");
  if (!mapped || mapped.category === "flower" || mapped.category === "accessory") continue;
  const category = mapped.category;
  const name = clean(r.name);
  const brand = clean(r.brand);
  if (!usableName(name) || !usableBrand(brand)) continue;
  const dedupe = `${brand.toLowerCase()}|${name.toLowerCase()}`;
  if (seen.has(dedupe)) continue;
  seen.add(dedupe);

  const potency = potencyFor(category, r.thc ?? "", r.cbd ?? "");
  let potencyRank: number;
  if (category === "edible") {
    potencyRank = potency.thcMg !== null ? (potency.thcMg <= 100 ? 0 : 1) : potency.cbdMg !== null ? 2 : 3;
  } else if (category === "tincture" || category === "topical") {
    potencyRank = potency.thcMg !== null ? 0 : potency.cbdMg !== null ? 1 : 3;
  } else {
    potencyRank = potency.thcBps !== null ? 0 : 3;
  }
  const id = Number(r.id);
  const candidate: Candidate = {
    id,
    category,
    row: {
      source: "kushy",
      kushy_id: String(id),
      name,
      brand,
      category: r.category ?? "",
      strain: clean(r.strain),
      // Only the values the seed can use are kept (a mismatched unit is dropped by potencyFor anyway).
      thc: r.thc ?? "",
      cbd: r.cbd ?? "",
    },
    rank: [potencyRank, brandsByName.has(brand.toLowerCase()) ? 0 : 1, hashString(`kushy-extract:${id}`)],
  };
  const list = byCategory.get(category) ?? [];
  list.push(candidate);
  byCategory.set(category, list);
}

function compareRank(a: Candidate, b: Candidate): number {
  for (let i = 0; i < a.rank.length; i++) {
    const d = (a.rank[i] ?? 0) - (b.rank[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.id - b.id;
}

const selected: Candidate[] = [];
const stats: Record<string, { candidates: number; selected: number; withThc: number }> = {};
for (const [category, quota] of Object.entries(QUOTAS) as [keyof typeof QUOTAS, number][]) {
  const list = (byCategory.get(category) ?? []).sort(compareRank);
  const chosen: Candidate[] = [];
  const perBrand = new Map<string, number>();
  for (const c of list) {
    if (chosen.length >= quota) break;
    const n = perBrand.get(c.row.brand) ?? 0;
    if (n >= BRAND_CAP) continue;
    perBrand.set(c.row.brand, n + 1);
    chosen.push(c);
  }
  if (chosen.length < quota) {
    const ids = new Set(chosen.map((c) => c.id));
    for (const c of list) {
      if (chosen.length >= quota) break;
      if (!ids.has(c.id)) chosen.push(c);
    }
  }
  chosen.sort(compareRank);
  selected.push(...chosen);
  stats[category] = {
    candidates: list.length,
    selected: chosen.length,
    withThc: chosen.filter((c) => c.rank[0] === 0).length,
  };
}

// Flower: the 2017 Kushy product list has essentially no loose flower (only pre-rolls), so flower
// items are built from Kushy strains with a plausible THC value, preferring strains with effects.
const flowerStrains = [...strainsByKey.values()]
  .filter((s) => parseStrainType(s.row.type) !== null && strainPotency(s.row.thc, s.row.cbd).thcBps !== null)
  .filter((s) => /^[A-Za-z0-9][A-Za-z0-9 #'.&-]{1,38}$/.test(s.row.name))
  // Product-like entries ("Sour Diesel Hash Joint") and phenotype letters ("Fire OG A") are not flower names.
  .filter((s) => !/\b(joint|hash|wax|oil|shatter|cartridge|pre-?roll)\b|\s[A-Z]$/i.test(s.row.name))
  .sort(
    (a, b) =>
      (menuEffects(a.row.effects).length > 0 ? 0 : 1) - (menuEffects(b.row.effects).length > 0 ? 0 : 1) ||
      (a.row.flavors ? 0 : 1) - (b.row.flavors ? 0 : 1) ||
      hashString(`kushy-extract:strain:${a.id}`) - hashString(`kushy-extract:strain:${b.id}`) ||
      a.id - b.id,
  )
  // Kushy lists spelling variants of one strain ("Girl Scout Cookie", "Girls Scout Cookies"): keep the first.
  .filter((s, _i, all) => all.find((o) => spellingKey(o.row.name) === spellingKey(s.row.name)) === s)
  .slice(0, FLOWER_STRAINS)
  .sort((a, b) => a.row.name.localeCompare(b.row.name, "en"));

function spellingKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/s/g, "");
}

const productRows: ShippedProductRow[] = [
  ...flowerStrains.map((s): ShippedProductRow => ({
    source: "strain",
    kushy_id: "",
    name: s.row.name,
    brand: "",
    category: "Flowers",
    strain: s.row.name,
    thc: "",
    cbd: "",
  })),
  ...CATEGORY_ORDER.flatMap((cat) => selected.filter((c) => c.category === cat).map((c) => c.row)),
];

// Strains and brands referenced by the chosen products.
const strainRows = new Map<string, ShippedStrainRow>();
for (const s of flowerStrains) strainRows.set(nameKey(s.row.name), s.row);
for (const p of productRows) {
  const key = nameKey(p.strain);
  const strain = strainsByKey.get(key);
  if (strain && !strainRows.has(key)) strainRows.set(key, strain.row);
}
const brandRows = new Map<string, ShippedBrandRow>();
for (const p of productRows) {
  const brand = brandsByName.get(p.brand.toLowerCase());
  if (brand) brandRows.set(brand.name.toLowerCase(), brand);
}

// ---------------------------------------------------------------------------------------------
// Write

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function writeCsv<T extends string>(file: string, columns: readonly T[], rows: Record<T, string>[]): number {
  const text =
    [columns.join(","), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(","))].join("\n") +
    "\n";
  writeFileSync(new URL(file, outDir), text);
  return Buffer.byteLength(text);
}

const sortedStrains = [...strainRows.values()].sort((a, b) => a.name.localeCompare(b.name, "en"));
const sortedBrands = [...brandRows.values()].sort((a, b) => a.name.localeCompare(b.name, "en"));
const sizes = {
  products: writeCsv("kushy-products.csv", PRODUCT_COLUMNS, productRows),
  strains: writeCsv("kushy-strains.csv", STRAIN_COLUMNS, sortedStrains),
  brands: writeCsv("kushy-brands.csv", BRAND_COLUMNS, sortedBrands),
};

// Price calibration against the Connecticut anchor, computed from the files just written.
const TYPICAL_SIZE: Partial<Record<CategorySlug, string>> = {
  flower: "35",
  "pre-roll": "1",
  vape: "05",
  concentrate: "1",
  edible: "PK",
  tincture: "EA",
  topical: "EA",
};
/** Connecticut adult-use sales by product type, January 2023 (flower, vape, edible, extract). */
const CT_MIX: Partial<Record<CategorySlug, number>> = {
  flower: 2819150.84,
  vape: 721223.06,
  edible: 688928.99,
  concentrate: 868829.67,
};
function typicalAverages(priceIndex: number): {
  byCategory: Map<CategorySlug, number>;
  all: number;
  ctMix: number;
} {
  const items = buildCatalogItems(readShippedKushy(outDir));
  const sums = new Map<CategorySlug, number[]>();
  for (const item of items) {
    const spec = VARIANTS[item.category].find((v) => v.code === TYPICAL_SIZE[item.category]);
    if (!spec) continue;
    const list = sums.get(item.category) ?? [];
    list.push(variantPrices(item, spec, { priceIndex, medicalEnabled: false }).priceCents / 100);
    sums.set(item.category, list);
  }
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const byCategory = new Map([...sums].map(([k, v]) => [k, avg(v)] as const));
  const weights = Object.entries(CT_MIX) as [CategorySlug, number][];
  const totalWeight = weights.reduce((a, [, w]) => a + w, 0);
  const ctMix = weights.reduce((a, [k, w]) => a + (byCategory.get(k) ?? 0) * w, 0) / totalWeight;
  return { byCategory, all: avg([...sums.values()].flat()), ctMix };
}
const calibration = [1, 0.9].map((index) => ({ index, ...typicalAverages(index) }));
const money = (n: number) => `$${n.toFixed(2)}`;
/** A Markdown table laid out the way Prettier formats it, so the generated README is already formatted. */
function mdTable(header: string[], align: ("l" | "r")[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const cell = (text: string, i: number) =>
    align[i] === "r" ? text.padStart(widths[i] ?? 3) : text.padEnd(widths[i] ?? 3);
  const line = (cells: string[]) => `| ${cells.map((c, i) => cell(c, i)).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === "r" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const calibrationTable = mdTable(
  ["market", "mean", "CT-mix weighted", "per category"],
  ["l", "r", "r", "l"],
  calibration.map((c) => [
    c.index === 1 ? "California (x1.00)" : "Colorado (x0.90)",
    money(c.all),
    money(c.ctMix),
    CATEGORY_ORDER.map((k) => `${k} ${money(c.byCategory.get(k) ?? 0)}`).join(", "),
  ]),
);
const statTable = mdTable(
  ["category", "candidates", "selected", "with THC"],
  ["l", "r", "r", "r"],
  [
    ["flower (from strains)", "-", String(flowerStrains.length), String(flowerStrains.length)],
    ...Object.entries(stats).map(([cat, st]) => [
      cat,
      String(st.candidates),
      String(st.selected),
      String(st.withThc),
    ]),
  ],
);
const filesTable = mdTable(
  ["file", "rows", "bytes", "columns"],
  ["l", "r", "r", "l"],
  [
    ["`kushy-products.csv`", String(productRows.length), String(sizes.products), PRODUCT_COLUMNS.join(", ")],
    ["`kushy-strains.csv`", String(sortedStrains.length), String(sizes.strains), STRAIN_COLUMNS.join(", ")],
    ["`kushy-brands.csv`", String(sortedBrands.length), String(sizes.brands), BRAND_COLUMNS.join(", ")],
  ],
);

const readme = `# Demo seed data

Everything in this folder is read by \`src/seed\` (\`seedDemo\`). It is generated by
\`scripts/extract-kushy.ts\` from the Kushy dataset and committed; the seed never reads anything
outside the repository. Regenerate with:

\`\`\`sh
pnpm --filter @cannasaas/db seed:extract-kushy <directory with the Kushy CSVs>
\`\`\`

## Attribution

The product, strain and brand data is a subset of the **Kushy cannabis dataset**
(<https://github.com/kushyapp/cannabis-dataset>, commit 8b807c3d, snapshot dated **2017-11-14**),
**MIT licence, Copyright (c) 2016-present, Kushy**. Source files:

- \`Dataset/Products/products-kushy_api.2017-11-14.csv\` -> \`kushy-products.csv\`
- \`Dataset/Strains/strains-kushy_api.2017-11-14.csv\` -> \`kushy-strains.csv\`
- \`Dataset/Brands/brands-kushy_api.2017-11-14.csv\` -> \`kushy-brands.csv\`

Licence of the source data, reproduced as required:

\`\`\`text
MIT License

Copyright (c) 2016-present, Kushy.

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
\`\`\`

Kushy's data is from 2017: brands and products may no longer exist, and nothing here is an
endorsement. Kushy has **no prices**; every price in the demo is derived (see below).

## Files

${filesTable}

- \`kushy-products.csv\`: \`source=kushy\` rows are Kushy products, copied as-is except that text was
  re-decoded where Kushy stored UTF-8 as Windows-1252 ("â€“" -> "–") and whitespace collapsed;
  \`thc\`/\`cbd\` keep Kushy's raw strings ("83.97%", "150mg", "1,000mg"). \`source=strain\` rows
  (category \`Flowers\`) are **derived**: Kushy's product list has virtually no loose flower (only
  pre-rolls), so ${flowerStrains.length} flower items were made from Kushy strains that have a type and a
  plausible THC value (3-35%), preferring strains with effects and flavors. They have no brand; the seed
  files them under each dispensary's house brand.
- \`kushy-strains.csv\`: the strains referenced by the products. \`thc\`/\`cbd\` are Kushy's strain values,
  hundredths of a percent (\`2000\` = 20%). \`description\` had its HTML stripped and was cut to about 400
  characters (only one strain in the 2017 snapshot has a description at all); the seed additionally drops
  sentences that make health claims. Kushy's \`ailment\` column is deliberately not copied.
- \`kushy-brands.csv\`: brands referenced by the products that appear in Kushy's brand list (Kushy's
  product file names many brands its brand file lacks; the seed uses the product's brand name for those).

## How the subset was chosen (deterministic)

1. Products with a category that maps to ours (\`Flowers,Pre-Roll\` -> pre-roll, \`Vapes,Vape Cartidge,\`
   [sic] / \`Vapes,Disposable Vape,\` -> vape, \`Concentrate,*\` -> concentrate, \`Edibles,*\` -> edible,
   \`Tincture,\` -> tincture, \`Topical,*\` -> topical); empty categories and \`Concentrate,Topical,RSO\`
   (ambiguous) are skipped.
2. A usable name (3-90 characters, not a bare size like "1/8", no samples, no pet products, no names
   that are health claims such as "Pain Stick", no profanity) and a brand other than "Unknown
   Producer"; duplicate (brand, name) pairs keep the lowest Kushy id.
3. Within each category, candidates are ranked by: has a THC value in the unit that fits the category
   (percent for vapes/concentrates/pre-rolls, mg for edibles/tinctures/topicals; edibles of at most
   100 mg first), then brand listed in Kushy's brand file, then a fixed hash of the Kushy id (FNV-1a),
   then id. The top N are taken with at most ${BRAND_CAP} per brand per category (relaxed only if a quota
   cannot otherwise be filled).

${statTable}

The seed then gives each live dispensary a different, overlapping part of this list (a fixed hash of
\`org slug + product\` keeps about 52% per org) plus a dozen house accessories defined in
\`src/seed/catalog.ts\` (Kushy has no accessories).

## Potency units

- Flower, pre-rolls, vapes, concentrates: \`thcBps\`/\`cbdBps\`, basis points of percent (21.5% = 2150).
  Values outside 1-40% (flower, pre-roll) or 1-99.9% (vape, concentrate) are discarded, as are vape and
  concentrate values whose THC + CBD is under 20% (an "oil" at 9.8% THC is a data-entry error).
- Edibles, tinctures, topicals: \`thcMg\`/\`cbdMg\` per package, never percent. "100mg" is 100
  milligrams, not grams; THC above 1,000 mg (edible) or 3,000 mg (tincture, topical) is discarded.
- Strain type comes from the strain file when the product is named after that strain, otherwise from
  the product name ("Indica", "Sativa", "Hybrid"); a product whose CBD exceeds its THC is \`cbd\`.

## Prices (derived; Kushy has none)

Rule implemented in \`src/seed/pricing.ts\` (the same text is at the top of that file):

- Anchor: Connecticut's average retail product price (data.ct.gov "Cannabis Retail Sales by Week
  Ending", 2023-01 .. 2026-03): adult-use $29.54-$45.08 a week, $36.14 sales-weighted; medical
  $35.19. The catalog's typical single item (3.5 g flower, a 0.5 g cartridge, a 1 g concentrate, one
  edible package, a tincture, a topical, a single pre-roll) lands in that band for California (the
  table at the end of this section is computed from the shipped files).
- Typical US shelf price ranges chosen per category (adult-use, before tax):
  flower $8-15 per gram (at the 1 g size); pre-roll $8-15 (single 1 g); vape $25-45 (0.5 g);
  concentrate $30-60 (1 g); edible $15-30 (package); tincture $35-70; topical $20-45;
  accessory $5-40 (fixed list prices).
- Position inside the range: \`t = 0.5 * potency + 0.5 * jitter\`. \`potency\` is 0..1 from THC (+CBD)
  relative to the category (flower 15-30%, vape/concentrate 60-90%, edible 10-100 mg, tincture
  100-1,000 mg, topical 50-500 mg; unknown = 0.4); \`jitter\` is 0..1 from mulberry32 seeded with a hash
  of the product key, so a product's price never depends on row order.
- Sizes: flower per-gram multipliers 1 g x1.00, 3.5 g x0.90, 7 g x0.82, 14 g x0.74, 28 g x0.66 (volume
  discount); pre-roll 5-pack (5 x 0.5 g) = single x 2.25; vape 1 g = 0.5 g x 1.75.
- Market index: California (Greenleaf) x1.00, Colorado (Mile High) x0.90 (Colorado shelf prices are lower).
- Rounding: to whole dollars, minus one cent ($34.99); never below $4.99.
- Medical price (only where the organization has medical enabled, cannabis items only): the adult-use
  price x0.90, rounded the same way (about 10% off). Accessories have no medical price.

Resulting average price of a typical item (3.5 g flower, single pre-roll, 0.5 g vape, 1 g concentrate,
one edible, one tincture, one topical) over all ${productRows.length} products, plainly and weighted by
Connecticut's January 2023 adult-use sales mix (flower 55%, extract 17%, vape 14%, edible 13%):

${calibrationTable}
`;
writeFileSync(new URL("README.md", outDir), readme);

console.log(
  `wrote ${productRows.length} products (${flowerStrains.length} flower from strains), ${sortedStrains.length} strains, ${sortedBrands.length} brands`,
);
console.log(`sizes: ${JSON.stringify(sizes)} total ${sizes.products + sizes.strains + sizes.brands} bytes`);
console.table(stats);
