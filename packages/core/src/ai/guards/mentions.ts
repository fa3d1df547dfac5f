/**
 * Product-mention guard: every product an answer names or links must be one the tools returned for this tenant,
 * in stock at the shopper's location; every price it quotes must be one the tools (or the shopper) gave; it may
 * link only to this store's own pages. Pure: the caller gathers what the tools returned.
 */

import { linkShapes, type LinkShapes, type StoreLinks } from "./links";

export type GroundedProduct = { slug: string; name: string; brand: string | null; priceCents: number[] };

export type MentionContext = {
  /** Products the tools returned in this conversation that are in stock at the chosen location. */
  allowed: readonly GroundedProduct[];
  /** Every product name of this tenant (any status or stock), to catch a real but unavailable one. */
  catalogNames: readonly string[];
  /** Proper nouns the answer may use freely: the store, its locations, brands, categories, effects, places. */
  vocabulary: readonly string[];
  /** Amounts in cents the answer may quote: tool prices, limits, points, the shopper's own figures. */
  amountsCents: ReadonlySet<number>;
  /** The store's own pages, from the app: the only places an answer may link to. */
  links: StoreLinks;
};

export type MentionProblem =
  | { kind: "foreign_link"; text: string }
  | { kind: "unknown_product_link"; text: string }
  | { kind: "unavailable_product"; text: string }
  | { kind: "unverified_name"; text: string }
  | { kind: "unverified_price"; text: string }
  | { kind: "personal_data"; text: string };

/** Words that often start a sentence or a phrase in title case without naming anything. */
const COMMON = new Set(
  (
    "a an the and or but if so i i'm i'd i'll we we're you you're your our my this that these those here there " +
    "try also both each for from with at in on of to by as all any some many most more just only it its it's " +
    "please yes no sure great good nice happy glad sorry thanks thank hello hi hey welcome note tip " +
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight " +
    "january february march april may june july august september october november december " +
    "indica sativa hybrid cbd thc thca cbn cbg flower flowers pre-roll pre-rolls edibles edible vape vapes " +
    "concentrate concentrates topicals tincture tinctures gummies gummy beverages accessories"
  ).split(" "),
);

const lower = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function containsName(text: string, name: string) {
  if (name.trim().length < 3) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name.trim())}($|[^\\p{L}\\p{N}])`, "iu").test(text);
}

/** Candidate names: runs of two or more capitalised words (a digit, "#", "&" or "OG" may join them). */
function titleCaseRuns(text: string): string[] {
  const runs: string[] = [];
  const pattern =
    /(?:[A-Z][\p{L}'’-]*|#?\d+[\p{L}]*|&)(?:\s+(?:[A-Z][\p{L}'’-]*|#?\d+[\p{L}]*|&|OG|of|the|de))+/gu;
  for (const match of text.matchAll(pattern)) {
    const words = match[0].split(/\s+/);
    while (words.length && COMMON.has(lower(words[0] ?? ""))) words.shift();
    while (words.length && /^(of|the|de|&)$/i.test(words.at(-1) ?? "")) words.pop();
    const capitalised = words.filter((w) => /^[A-Z]/.test(w) && !COMMON.has(lower(w)));
    if (capitalised.length >= 2) runs.push(words.join(" "));
  }
  return runs;
}

/** Bold or quoted spans, where models put names they want to stand out. */
function emphasised(text: string): string[] {
  const spans: string[] = [];
  for (const m of text.matchAll(/\*\*([^*]{2,80})\*\*|"([^"]{2,80})"|“([^”]{2,80})”/g)) {
    const span = (m[1] ?? m[2] ?? m[3] ?? "").trim();
    if (/^[A-Z0-9]/.test(span)) spans.push(span);
  }
  return spans;
}

/** Links and paths an answer carries: markdown links, bare URLs and bare product paths. */
function linksIn(text: string, shapes: LinkShapes): { href: string; raw: string }[] {
  const links: { href: string; raw: string }[] = [];
  for (const m of text.matchAll(/\[([^\]]*)\]\(([^)\s]*)\)/g)) links.push({ href: m[2] ?? "", raw: m[0] });
  const withoutMarkdown = text.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, " ");
  for (const m of withoutMarkdown.matchAll(/\b(?:https?:\/\/|www\.)[^\s)]+/gi))
    links.push({ href: m[0], raw: m[0] });
  for (const m of withoutMarkdown.matchAll(shapes.bareProductPaths)) links.push({ href: m[0], raw: m[0] });
  for (const m of withoutMarkdown.matchAll(
    /\b[a-z0-9-]+\.(?:localhost|cannasaas\.app|com|net|org|shop|store)(?::\d+)?(?:\/\S*)?/gi,
  ))
    links.push({ href: `//${m[0]}`, raw: m[0] });
  return links;
}

function amountsIn(text: string): { cents: number; raw: string }[] {
  return [...text.matchAll(/\$\s?(\d{1,6}(?:,\d{3})*)(?:\.(\d{1,2}))?/g)].map((m) => ({
    cents: Number((m[1] ?? "0").replace(/,/g, "")) * 100 + Number(((m[2] ?? "0") + "0").slice(0, 2)),
    raw: m[0],
  }));
}

/** Everything in `text` that names, links or prices something the tools did not vouch for. */
export function mentionProblems(text: string, context: MentionContext): MentionProblem[] {
  const problems: MentionProblem[] = [];
  const allowedSlugs = new Set(context.allowed.map((p) => p.slug));
  const shapes = linkShapes(context.links);
  for (const link of linksIn(text, shapes)) {
    const slug = shapes.productSlugOf(link.href);
    if (slug) {
      if (!allowedSlugs.has(slug)) problems.push({ kind: "unknown_product_link", text: link.raw });
    } else if (!shapes.isStorePage(link.href)) {
      problems.push({ kind: "foreign_link", text: link.raw });
    }
  }
  const plain = text.replace(/\[([^\]]*)\]\(([^)\s]*)\)/g, "$1");
  const allowedNames = context.allowed.map((p) => p.name);
  for (const name of context.catalogNames) {
    if (!containsName(plain, name)) continue;
    if (!allowedNames.some((n) => lower(n) === lower(name)))
      problems.push({ kind: "unavailable_product", text: name });
  }
  const known = [
    ...allowedNames,
    ...context.allowed.flatMap((p) => (p.brand ? [p.brand] : [])),
    ...context.vocabulary,
  ].map(lower);
  const vouched = (candidate: string) => {
    const c = lower(candidate);
    return known.some((k) => k.includes(c) || (c.includes(k) && k.length >= c.length * 0.6));
  };
  for (const candidate of [...titleCaseRuns(plain), ...emphasised(plain)]) {
    if (!vouched(candidate)) problems.push({ kind: "unverified_name", text: candidate });
  }
  // The assistant has no business quoting anyone's email address or phone number (the store's own is in store_info).
  for (const m of plain.matchAll(/[\w.+-]+@[\w-]+(\.[\w-]+)+|\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b/g)) {
    if (!context.vocabulary.some((v) => v.includes(m[0])))
      problems.push({ kind: "personal_data", text: m[0] });
  }
  for (const amount of amountsIn(plain)) {
    if (!context.amountsCents.has(amount.cents))
      problems.push({ kind: "unverified_price", text: amount.raw });
  }
  return problems;
}
