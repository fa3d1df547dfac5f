import { mentionProblems, type MentionContext, type MentionProblem } from "./mentions";
import { policyViolations, type PolicyTopic } from "./policy";

export * from "./figures";
export * from "./links";
export * from "./mentions";
export * from "./policy";
export * from "./segments";
export * from "./tool-data";

export type SegmentVerdict =
  { ok: true; text: string } | { ok: false; policy: PolicyTopic[]; mentions: MentionProblem[] };

/**
 * Checks one sentence of an answer before it is shown: a policy topic or anything ungrounded withholds the
 * whole sentence (a half-sentence with a name cut out could still mislead).
 */
export function checkSegment(text: string, context: MentionContext): SegmentVerdict {
  const policy = policyViolations(text);
  const mentions = mentionProblems(text, context);
  if (policy.length === 0 && mentions.length === 0) return { ok: true, text };
  return { ok: false, policy, mentions };
}
