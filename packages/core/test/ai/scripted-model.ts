import {
  hasToolResult,
  type StandInBlock,
  type StandInReply,
  type StandInScript,
} from "@cannasaas/integrations/testing";

/** A model that searches first, then answers with `text`. */
export function searchThenSay(input: Record<string, unknown>, text: string): StandInScript {
  return (body) =>
    hasToolResult(body)
      ? { kind: "message", blocks: [{ type: "text", text }] }
      : {
          kind: "message",
          blocks: [
            { type: "text", text: "Let me check the menu." },
            { type: "tool_use", name: "search_products", input },
          ],
        };
}

/**
 * The misbehaving model: it does call the tools, then ignores them. It invents a product, quotes a price nobody
 * gave, states medical benefits, gives dosing advice, addresses minors, suggests splitting orders, names a real
 * product that is not available, and quotes another store's data and link. One real, grounded sentence is mixed
 * in, so the test can see that good sentences still get through.
 */
export const MISBEHAVING_ANSWER = [
  "Great choice: [OG Kush](/p/og-kush-acme) is a calm indica from $12.00.",
  "You'll also love Purple Unicorn Kush, our secret best seller at $15.",
  "OG Kush helps with anxiety and chronic pain, and it cures insomnia.",
  "Start with 2.5 mg and wait two hours before taking more.",
  "These gummies are perfect for teens too.",
  "To stay under the daily limit, split your order into two orders.",
  "Draft Kush is also available at a great price.",
  "Mile High Cannabis Co. sells Blue Dream for $20 at https://mile-high.cannasaas.app/p/blue-dream.",
].join(" ");

export const misbehavingModel: StandInScript = searchThenSay({ effects: ["Relaxed"] }, MISBEHAVING_ANSWER);

/** A model that answers straight away with `text` (no tools), whatever was asked. */
export const sayOnly =
  (text: string): StandInScript =>
  () => ({ kind: "message", blocks: [{ type: "text", text }] });

/** Plays `replies` to successive requests, then hangs. */
export const sequence =
  (...replies: StandInReply[]): StandInScript =>
  (_body, i) =>
    replies[i] ?? { kind: "hang" };

export type { StandInBlock };
