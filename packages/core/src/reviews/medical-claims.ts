/**
 * Words that make a review read as a medical claim. Cannabis advertising rules in most states forbid claims of
 * curative or therapeutic effect (e.g. California's 4 CCR 15040(b); Colorado's 1 CCR 212-3, 3-1110), and a
 * published review is the store's advertising. A match is not a refusal: it is shown to the moderator, who
 * decides (a "real treat" is fine, "treats my anxiety" is not).
 */
const CLAIM_STEMS = [
  "cure",
  "cures",
  "cured",
  "curing",
  "treat",
  "treats",
  "treated",
  "treating",
  "treatment",
  "heal",
  "heals",
  "healed",
  "healing",
  "remedy",
  "remedies",
  "therapy",
  "therapeutic",
  "prevent",
  "prevents",
  "prevention",
  "diagnose",
  "diagnosed",
  "prescription",
  "medicine",
  "medication",
];

const PATTERN = new RegExp(`\\b(${CLAIM_STEMS.join("|")})\\b`, "gi");

/** The distinct claim words in a text, lower-cased, in order of first appearance. */
export function findMedicalClaims(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PATTERN)) found.add(match[1]!.toLowerCase());
  return [...found];
}
