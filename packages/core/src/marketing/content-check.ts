/**
 * Warnings about a campaign's words before it goes out: cannabis advertising rules in every licensing state
 * forbid health claims, appeal to minors and (in many states) giveaways of cannabis. A warning does not stop a
 * send (a person decides), but the editor shows it and the owner confirms it.
 */
export type ContentWarning = {
  rule: "health_claim" | "minors" | "giveaway";
  phrase: string;
  message: string;
};

const RULES: Array<{ rule: ContentWarning["rule"]; pattern: RegExp; message: string }> = [
  {
    rule: "health_claim",
    pattern:
      /\b(cures?|cured|heals?|treats?|treatment for|prevents?|remedy|therapeutic|medicinal benefits?|relieves?|anxiety relief|pain relief|fights? (?:cancer|disease)|(?:cancer|disease|depression|insomnia|anxiety|ptsd|epilepsy|arthritis)\b)/i,
    message: "Medical or health claims are not allowed in cannabis advertising.",
  },
  {
    rule: "minors",
    pattern:
      /\b(kids?|child(?:ren)?|teens?|teenagers?|minors?|students?|back to school|cartoon|candy|toys?|under 21|under 18)\b/i,
    message: "Text that appeals to or mentions minors is not allowed.",
  },
  {
    rule: "giveaway",
    pattern:
      /\b(free (?:cannabis|weed|joints?|pre-?rolls?|gram|grams|eighths?|flower|edibles?|gummies|vapes?)|giveaways?|on the house|bogo free)\b/i,
    message: "Promising free cannabis is a giveaway, which many states forbid; discounts are allowed.",
  },
];

/** Each rule that the text trips, with the first phrase that tripped it. */
export function checkCampaignContent(text: string): ContentWarning[] {
  const warnings: ContentWarning[] = [];
  for (const { rule, pattern, message } of RULES) {
    const hit = pattern.exec(text);
    if (hit) warnings.push({ rule, phrase: hit[0], message });
  }
  return warnings;
}
