import type { CopyFacts } from "./facts";

export const COPY_TONES = ["professional", "casual", "medical", "luxury"] as const;
export type CopyTone = (typeof COPY_TONES)[number];

export type ProductCopyText = {
  description: string;
  tagline: string;
  seoTitle: string;
  seoDescription: string;
};

/** Longest each field may be: taglines fit a card, SEO texts what search results show. */
export const COPY_LIMITS = { description: 1200, tagline: 80, seoTitle: 60, seoDescription: 155 } as const;

const NOUN_BY_SLUG: Record<string, string> = {
  flower: "flower",
  "pre-roll": "pre-roll",
  vape: "vape",
  edible: "edible",
  concentrate: "concentrate",
  tincture: "tincture",
  topical: "topical",
  accessory: "accessory",
};

const STRAIN_WORDS: Record<NonNullable<CopyFacts["strainType"]>, string> = {
  indica: "indica",
  sativa: "sativa",
  hybrid: "hybrid",
  cbd: "CBD-rich",
};

const percent = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 1)}%`;

/** "a", "b and c" */
function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? "an" : "a");
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Cuts at a word boundary so a field never ends mid-word. */
export function fit(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).replace(/[,;:–-]+$/, "")}…`;
}

function potencyPhrase(f: CopyFacts): string | null {
  const parts: string[] = [];
  if (f.thcBps !== null) parts.push(`${percent(f.thcBps)} THC`);
  else if (f.thcMg !== null) parts.push(`${f.thcMg} mg THC per package`);
  if (f.cbdBps !== null) parts.push(`${percent(f.cbdBps)} CBD`);
  else if (f.cbdMg !== null) parts.push(`${f.cbdMg} mg CBD per package`);
  return parts.length ? list(parts) : null;
}

/** "hybrid flower", "edible", "CBD-rich tincture". */
function kind(f: CopyFacts): string {
  const noun = NOUN_BY_SLUG[f.categorySlug] ?? f.category.toLowerCase();
  return f.strainType ? `${STRAIN_WORDS[f.strainType]} ${noun}` : noun;
}

const terpeneWords = (f: CopyFacts) => f.terpenes.slice(0, 3).map((t) => t.toLowerCase());
const effectWords = (f: CopyFacts) => f.effects.slice(0, 3).map((e) => e.toLowerCase());

function opening(f: CopyFacts, tone: CopyTone): string {
  const k = kind(f);
  const brand = f.brand ? ` from ${f.brand}` : "";
  const strain = f.strainName && f.strainName.toLowerCase() !== f.name.toLowerCase() ? f.strainName : null;
  switch (tone) {
    case "casual":
      return `Meet ${f.name}: ${article(k)} ${k}${f.brand ? ` by ${f.brand}` : ""}${strain ? `, made from ${strain}` : ""}.`;
    case "luxury":
      return `${f.brand ? `${f.brand} presents ` : ""}${f.name}, ${article(k)} ${k} of distinction${strain ? ` drawn from the ${strain} cultivar` : ""}.`;
    case "medical":
      return `${f.name} is ${article(k)} ${k}${brand}${strain ? ` (strain: ${strain})` : ""}, described here by its lab-reported facts.`;
    default:
      return `${f.name} is ${article(k)} ${k}${brand}${strain ? `, from the ${strain} strain` : ""}.`;
  }
}

function potencySentence(f: CopyFacts, tone: CopyTone): string | null {
  const p = potencyPhrase(f);
  if (!p) return null;
  if (tone === "casual") return `It comes in at ${p}.`;
  if (tone === "medical") return `Labeled potency: ${p}; check the lab results for the full panel.`;
  return `It is labeled at ${p}.`;
}

function terpeneSentence(f: CopyFacts, tone: CopyTone): string | null {
  const t = terpeneWords(f);
  if (!t.length) return null;
  if (tone === "casual") return `Expect a nose shaped by ${list(t)}.`;
  if (tone === "luxury") return `Its aromatic profile is composed of ${list(t)}.`;
  if (tone === "medical") return `Dominant terpenes: ${list(t)}.`;
  return `Its terpene profile is led by ${list(t)}.`;
}

function effectSentence(f: CopyFacts, tone: CopyTone): string | null {
  const e = effectWords(f);
  if (!e.length) return null;
  if (tone === "casual") return `People who've tried it often say they felt ${list(e)}.`;
  return `Customers commonly report feeling ${list(e)}; experiences vary from person to person.`;
}

function closing(f: CopyFacts, tone: CopyTone): string {
  if (tone === "medical")
    return `Ask a budtender at ${f.storeName} to walk you through the label. For adults 21 and over.`;
  if (tone === "luxury") return `Available at ${f.storeName} for adults 21 and over.`;
  return `Find it at ${f.storeName}; for adults 21 and over.`;
}

function tagline(f: CopyFacts, tone: CopyTone): string {
  const k = capitalise(kind(f));
  const t = terpeneWords(f)[0];
  const e = effectWords(f).slice(0, 2);
  if (tone === "casual" && e.length)
    return fit(`${capitalise(list(e))} vibes, ${kind(f)} style`, COPY_LIMITS.tagline);
  if (tone === "luxury") return fit(`${k}${t ? ` with notes of ${t}` : ""}, refined`, COPY_LIMITS.tagline);
  const potency = potencyPhrase(f);
  if (tone === "medical" && potency) return fit(`${k} · ${potency}`, COPY_LIMITS.tagline);
  if (t) return fit(`${k} with ${t}-forward notes`, COPY_LIMITS.tagline);
  if (e.length) return fit(`${k}, commonly reported as ${list(e)}`, COPY_LIMITS.tagline);
  return fit(`${k}${f.brand ? ` by ${f.brand}` : ""}`, COPY_LIMITS.tagline);
}

function seoTitle(f: CopyFacts): string {
  const candidates = [
    `${f.name}${f.brand ? ` by ${f.brand}` : ""} | ${f.category} | ${f.storeName}`,
    `${f.name} | ${f.category} | ${f.storeName}`,
    `${f.name} | ${f.storeName}`,
  ];
  return candidates.find((c) => c.length <= COPY_LIMITS.seoTitle) ?? fit(f.name, COPY_LIMITS.seoTitle);
}

function seoDescription(f: CopyFacts): string {
  const potency = potencyPhrase(f);
  const e = effectWords(f).slice(0, 2);
  const text = [
    `Shop ${f.name}, ${article(kind(f))} ${kind(f)}${f.brand ? ` by ${f.brand}` : ""}${potency ? ` (${potency})` : ""}.`,
    e.length ? `Commonly reported: ${list(e)}.` : "",
    `Order ahead at ${f.storeName}. 21+.`,
  ]
    .filter(Boolean)
    .join(" ");
  return fit(text, COPY_LIMITS.seoDescription);
}

/**
 * Copy written from the product's fields alone, used when AI is off: the same facts always give the same text,
 * and it states only what the fields say (reported effects as reports, never benefits).
 */
export function templateCopy(f: CopyFacts, tone: CopyTone): ProductCopyText {
  const description = [
    opening(f, tone),
    potencySentence(f, tone),
    terpeneSentence(f, tone),
    effectSentence(f, tone),
    closing(f, tone),
  ]
    .filter((s): s is string => Boolean(s))
    .join(" ");
  return {
    description: fit(description, COPY_LIMITS.description),
    tagline: tagline(f, tone),
    seoTitle: seoTitle(f),
    seoDescription: seoDescription(f),
  };
}
