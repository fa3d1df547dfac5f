import { policyViolations } from "../guards/policy";
import type { ProductCopyText } from "./template";

export type CopyFlag = { field: keyof ProductCopyText; topic: string; sentence: string };

/**
 * Advertising rules most adult-use states share beyond the assistant's policy topics: no claims that a product
 * is safe or free of risk, and nothing that promotes overconsumption (e.g. Washington WAC 314-55-155, California
 * Bus. & Prof. Code § 26152(a), false or misleading statements). Checked for every state, since a store's copy
 * may be read in any of them.
 */
const ADVERTISING_RULES: { topic: string; pattern: RegExp }[] = [
  {
    topic: "safety_claim",
    pattern:
      /\b(100% safe|completely safe|totally safe|risk[- ]free|harmless|no side effects|non[- ]addictive|fda[- ]approved)\b/i,
  },
  {
    topic: "overconsumption",
    pattern:
      /\b(get (wrecked|blasted|obliterated|destroyed|smashed)|as much as you (want|can)|the more the better|couch[- ]?lock(ed)?|knock you out)\b/i,
  },
];

const sentencesOf = (text: string) =>
  text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Every sentence of the copy that makes a medical or health claim, gives dosing advice, targets minors, helps
 * around limits, or breaks the advertising rules above; empty when the copy is clean. */
export function copyFlags(copy: ProductCopyText): CopyFlag[] {
  const flags: CopyFlag[] = [];
  for (const field of Object.keys(copy) as (keyof ProductCopyText)[]) {
    for (const sentence of sentencesOf(copy[field])) {
      for (const topic of policyViolations(sentence)) flags.push({ field, topic, sentence });
      for (const rule of ADVERTISING_RULES)
        if (rule.pattern.test(sentence)) flags.push({ field, topic: rule.topic, sentence });
    }
  }
  return flags;
}
