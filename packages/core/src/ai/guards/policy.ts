/**
 * What the assistant (and generated copy) must never say, whatever the model produced: medical or health claims,
 * dosing advice, content aimed at minors, and help getting around purchase limits. Pure pattern checks: they
 * cannot be talked out of anything, and they err on the side of removing a sentence.
 */

export const POLICY_TOPICS = ["medical", "dosing", "minors", "limit_evasion"] as const;
export type PolicyTopic = (typeof POLICY_TOPICS)[number];

const CONDITIONS =
  "pain|anxiety|depression|insomnia|stress disorder|ptsd|cancer|tumou?rs?|seizures?|epilep\\w*|arthritis|migraines?|nausea|glaucoma|inflammation|chronic \\w+|adhd|autism|alzheimer\\w*|parkinson\\w*|crohn\\w*|multiple sclerosis|fibromyalgia|cramps|headaches?|symptoms|illness|disease|conditions?|sleep disorders?";

const OUTPUT_PATTERNS: Record<PolicyTopic, RegExp[]> = {
  medical: [
    /\b(cures?|cured|curing|heals?|healing|remed(y|ies)|therapeutic|prescri(be|bed|ption)|diagnos\w*|clinically|proven to|doctor[- ]recommended)\b/i,
    /\btreat(s|ed|ing|ment)?\b(?!\s+yoursel)/i,
    new RegExp(
      `\\b(relie(f|ve|ves|ving)|ease[sd]?|easing|reduc(e|es|ed|ing)|soothe[sd]?|calms?|fights?|manag(e|es|ing)|help(s|ing)?( with| for| you with)?|good for|great for|best for|works? for)\\b[^.!?]{0,40}\\b(${CONDITIONS})\\b`,
      "i",
    ),
    /\b(anti-?inflammatory|anti-?anxiety|antidepressant|medical benefits?|health benefits?|healthier|good for your health|wellness benefits?)\b/i,
    /\bsafe(r)? (than|with|alongside|while)\b/i,
  ],
  dosing: [
    /\b(dose|doses|dosage|dosing|microdos\w*)\b/i,
    /\bstart (low|small|slow|with (a |an |one |half |just )?(\d+|half|quarter|one|a few|little))\b/i,
    /\b(take|eat|consume|smoke|vape|have|try|use)\s+(only\s+|just\s+|about\s+)?(\d+(\.\d+)?|one|two|three|four|half|a half|a quarter|a few|a couple( of)?)\s*(mg|milligrams?|gumm(y|ies)|pieces?|puffs?|hits?|tokes?|squares?|tablets?|capsules?|drops?|bites?)\b/i,
    /\bwait\b[^.!?]{0,30}\b(hours?|minutes?|mins?)\b[^.!?]{0,30}\b(more|another|again)\b/i,
    /\b\d+(\.\d+)?\s*(mg|milligrams?)\s+(at a time|to start|per (day|serving|session)|is (a good|enough|plenty|the right))\b/i,
  ],
  minors: [
    /\b(kids?|children|child|teens?|teenagers?|minors?|underage|under[- ]?(18|21)|high[- ]?school\w*|middle[- ]?school|your (son|daughter)|fake ids?)\b/i,
    /\b(brother|sister|friend|parent|dad|mom|cousin|someone else)'?s (id|license|licence)\b/i,
  ],
  limit_evasion: [
    /\b(split|splitting|separate|several|multiple|two|second|another)\s+(the\s+|your\s+)?(orders?|purchases?|transactions?|accounts?|visits?)\b/i,
    /\b(get|getting|go|going|work|working)\s+around\b[^.!?]{0,30}\b(limit|limits|rule|rules)\b/i,
    /\b(bypass|avoid|evade|exceed|beat|skirt|circumvent)\w*\b[^.!?]{0,30}\b(limit|limits|cap|rule|rules)\b/i,
    /\b(friend|someone else|another person|partner|roommate)\b[^.!?]{0,40}\b(buy|order|pick up|purchase)\b/i,
    /\bcome back (later|tomorrow|again)\b[^.!?]{0,40}\b(more|rest|again)\b/i,
  ],
};

/** Sentences that state a restriction ("must be 21 or older", "keep out of reach of children") are fine. */
const RESTRICTION =
  /\b(21 (or|and) (older|over)|21\+|adults? only|only (for )?adults|out of (the )?reach of children|not (for|sell|sold)|never|cannot|can't|can not|must be|is not allowed|are not allowed|we don't|we do not|won't)\b/i;

/** The topics an answer's text touches, in the order above; empty when it is clean. */
export function policyViolations(text: string): PolicyTopic[] {
  return POLICY_TOPICS.filter((topic) => {
    if (!OUTPUT_PATTERNS[topic].some((pattern) => pattern.test(text))) return false;
    // A restriction statement is allowed to name minors or limits; never a medical claim or dosing advice.
    if ((topic === "minors" || topic === "limit_evasion") && RESTRICTION.test(text)) return false;
    return true;
  });
}

/** What the shopper is asking for that the assistant must decline, judged from their message. */
export type RequestTopic = PolicyTopic | "injection" | "personal_data" | "other_store";

const REQUEST_PATTERNS: Record<RequestTopic, RegExp[]> = {
  limit_evasion: [
    /\b(split|splitting|break up|divide)\b[^.!?]{0,40}\b(order|orders|purchase|cart)\b/i,
    /\b(around|bypass|avoid|evade|exceed|beat|skirt|circumvent|get past|over|more than)\b[^.!?]{0,30}\b(limit|limits|cap|maximum|max)\b/i,
    /\b(two|multiple|several|separate|second|another|different)\s+(orders|accounts?|cards?|ids?|names?)\b/i,
    /\b(my|a) (friend|roommate|partner|brother|sister|wife|husband|mom|dad)\b[^.!?]{0,40}\b(buy|order|account|pick (it )?up|purchase)\b/i,
  ],
  minors: [
    /\b(i'?m|i am|im)\s+(1[0-9]|under 21|not 21|underage|a (minor|teen|kid))\b/i,
    /\b(for|give|share with|to) (my )?(son|daughter|kid|kids|child|children|teen|teenager|nephew|niece|little brother|little sister|students?)\b/i,
    /\b(underage|fake ids?|minors?|high school\w*|middle school|without (an )?id|no id)\b/i,
    /\b(1[0-9])[- ]year[- ]old\b/i,
    /\b(someone else'?s|another person'?s|(brother|sister|friend|parent|dad|mom|cousin)'?s) (id|ids|license|licence|card)\b/i,
  ],
  dosing: [
    /\bhow (much|many)\b[^?.!]{0,40}\b(take|eat|smoke|vape|have|use|mg|gumm(y|ies)|puffs?|hits?)\b/i,
    /\b(dose|doses|dosage|dosing|microdos\w*|how strong should)\b/i,
  ],
  medical: [
    /\b(cure|cures|treat|treats|treatment|heal|heals|therapy|medicine for|medical advice|prescri\w+)\b/i,
    new RegExp(
      `\\b(help|helps|good|best|work|works|for|with)\\b[^.!?]{0,30}\\b(my |your )?(${CONDITIONS})\\b`,
      "i",
    ),
    /\b(pregnan\w*|breastfeed\w*|nursing|medications?|antidepressants?|blood thinners?|interact\w*)\b/i,
  ],
  injection: [
    /\b(ignore|disregard|forget|override)\b[^.!?]{0,30}\b(instructions?|rules?|prompt|guidelines|policy|policies|above|previous)\b/i,
    /\b(system prompt|developer mode|jailbreak|dan mode|you are now|from now on you|pretend (to be|you)|act as|roleplay as|reveal (your|the)|print (your|the) (prompt|instructions))\b/i,
    /<\/?(system|assistant|tool|instructions?)>/i,
  ],
  personal_data: [
    /\b(another|other|someone else'?s?|somebody'?s?|a different|other people'?s?|all) (shopper|customer|user|person|people|account|member)s?'?s?\b/i,
    /\b(orders?|address|phone|email|points|purchases?|history) (of|for|from) (another|other|someone|somebody|a different|all|every)\b/i,
    /\bwho (else )?(bought|ordered|purchased)\b/i,
    /\b(list|show|give me|export) (all |every )?(the )?(customers|shoppers|users|members)\b/i,
    /[\w.+-]+@[\w-]+\.[\w.-]+/,
    /\b(what did|what has) (the )?(last|other|previous|next) (person|customer|shopper|guy|one)\b/i,
  ],
  other_store: [
    /\b(other|another|different|competitor'?s?|rival) (store|stores|dispensary|dispensaries|shop|shops|tenant|tenants)\b/i,
    /\b(competitors?|mile high|greenleaf)\b[^.!?]{0,40}\b(price|prices|menu|stock|orders?|sales|customers)\b/i,
  ],
};

/** The first topic a shopper's message asks for that the assistant declines, or null. */
export function requestTopic(message: string): RequestTopic | null {
  const order: RequestTopic[] = [
    "injection",
    "minors",
    "limit_evasion",
    "personal_data",
    "other_store",
    "dosing",
    "medical",
  ];
  return order.find((topic) => REQUEST_PATTERNS[topic].some((pattern) => pattern.test(message))) ?? null;
}

/** Fixed, plain answers for each declined topic: the same whether AI is on or off. */
export const POLICY_REPLIES: Record<RequestTopic | "unverified", string> = {
  medical:
    "I can't give medical advice or say that a product treats or helps with any condition. A doctor, or a budtender at the store, can talk it through with you. I can show you products and the effects other customers commonly report.",
  dosing:
    "I can't give dosing advice. Every product's label lists its potency, and a budtender at the store can talk you through it. I'm happy to help you compare products on the menu.",
  minors:
    "Cannabis is only for adults 21 and older (or registered medical patients where the state allows it), so I can't help with that.",
  limit_evasion:
    "State purchase limits apply to each customer per day across all of their orders, so I can't help split orders or get around them. Ask me what the limits are and I'll explain them.",
  injection: "I can only help with this store's menu, your own orders and the store's information.",
  personal_data: "I can only show you your own orders and points, and only while you are signed in.",
  other_store: "I can only answer about this store's own menu, stock and information.",
  unverified:
    "I couldn't check that answer against the store's live menu, so I've left it out. Try asking about a kind of product, an effect or a price, and I'll search the menu.",
};
