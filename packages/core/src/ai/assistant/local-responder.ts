import type { AiBlock, AiMessage, AiProvider, AiRequest, AiStreamEvent } from "@cannasaas/integrations/ai";
import { NO_USAGE } from "@cannasaas/integrations/ai";

/**
 * The assistant with AI off: no model and no network. It picks one tool from the shopper's words, runs it through
 * the same loop, tools and guards as Claude, and answers from the tool's data with fixed phrasing. The interface
 * says AI is off whenever this answers.
 */
export function createLocalAssistant(): AiProvider {
  return {
    kind: "local",
    model: "local-search",
    stream: (request) => localTurn(request),
  };
}

const EFFECT_WORDS: [RegExp, string][] = [
  [/\b(relax\w*|calm\w*|chill\w*|unwind\w*|mellow)\b/i, "Relaxed"],
  [/\b(sleep\w*|bed ?time|night\w*)\b/i, "Sleepy"],
  [/\b(happy|happiness|cheer\w*|mood)\b/i, "Happy"],
  [/\b(energ\w*|wake|daytime)\b/i, "Energetic"],
  [/\b(focus\w*|productive|concentrat(e|ion))\b/i, "Focused"],
  [/\b(creativ\w*|inspir\w*)\b/i, "Creative"],
  [/\b(uplift\w*)\b/i, "Uplifted"],
  [/\b(euphori\w*)\b/i, "Euphoric"],
  [/\b(hungry|munchies|appetite)\b/i, "Hungry"],
];

const CATEGORY_WORDS: [RegExp, string][] = [
  [/\b(flower|buds?|eighths?)\b/i, "flower"],
  [/\b(pre-?rolls?|joints?)\b/i, "pre-roll"],
  [/\b(vapes?|carts?|cartridges?|pens?)\b/i, "vape"],
  [/\b(edibles?|gumm(y|ies)|chocolates?|cookies?)\b/i, "edible"],
  [/\b(concentrates?|wax|shatter|rosin|dabs?)\b/i, "concentrate"],
  [/\b(tinctures?|drops)\b/i, "tincture"],
  [/\b(topicals?|lotions?|balms?)\b/i, "topical"],
];

const STOP_WORDS = new Set(
  "a an the and or for to of in on with me my i you your some something anything any do does have has is are what which show find want need looking like good nice best please can could would get under over below above less more than about around price cheap cheaper".split(
    " ",
  ),
);

/** The tool and input the shopper's words call for. */
export function localToolFor(message: string): { name: string; input: Record<string, unknown> } {
  if (/\b(my )?orders?\b/i.test(message) && /\b(my|status|where|track|placed|last)\b/i.test(message))
    return { name: "my_orders", input: {} };
  if (/\b(points|rewards?|loyalty|tier)\b/i.test(message)) return { name: "my_points", input: {} };
  if (/\b(limits?|how much can i (buy|get)|allowed to buy|maximum)\b/i.test(message))
    return { name: "purchase_limits", input: {} };
  if (/\b(hours?|open|close|closing|address|where are you|directions|located)\b/i.test(message))
    return { name: "store_info", input: {} };
  if (/\b(deals?|promos?|promotions?|discounts?|sales?|specials?|coupons?)\b/i.test(message))
    return { name: "list_promotions", input: {} };
  const input: Record<string, unknown> = {};
  const under =
    /\b(?:under|below|less than|max(?:imum)?|up to|cheaper than)\s*\$?\s*(\d{1,4})(?:\.(\d{2}))?/i.exec(
      message,
    );
  if (under) input.maxPriceCents = Number(under[1]) * 100 + Number(under[2] ?? 0);
  const over = /\b(?:over|above|more than|at least)\s*\$\s*(\d{1,4})/i.exec(message);
  if (over) input.minPriceCents = Number(over[1]) * 100;
  const effects = EFFECT_WORDS.filter(([re]) => re.test(message)).map(([, e]) => e);
  if (effects.length) input.effects = effects;
  const category = CATEGORY_WORDS.find(([re]) => re.test(message))?.[1];
  if (category) input.category = category;
  const strains = ["indica", "sativa", "hybrid", "cbd"].filter((s) =>
    new RegExp(`\\b${s}\\b`, "i").test(message),
  );
  if (strains.length) input.strainTypes = strains;
  if (!effects.length && !category && !strains.length) {
    const words = message
      .toLowerCase()
      .replace(/\$?\d+(\.\d+)?/g, " ")
      .split(/[^a-z0-9'-]+/)
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
    if (words.length) input.query = words.join(" ");
  }
  return { name: "search_products", input };
}

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

type ToolData = Record<string, unknown> & { error?: string };

/** The fixed-phrasing answer to one tool's data. */
export function localAnswer(tool: string, data: ToolData): string {
  if (typeof data.error === "string") return data.error;
  switch (tool) {
    case "search_products": {
      const products = (
        (data.products ?? []) as {
          name: string;
          link: string;
          brand: string | null;
          inStock: boolean;
          sizes: { priceCents: number }[];
        }[]
      ).filter((p) => p.inStock);
      if (!products.length)
        return "I couldn't find anything in stock that matches. Try another effect, category or price.";
      const lines = products.slice(0, 4).map((p) => {
        const from = Math.min(...p.sizes.map((s) => s.priceCents));
        return `[${p.name}](${p.link})${p.brand ? ` by ${p.brand}` : ""}, from ${dollars(from)}`;
      });
      return `Here is what I found in stock on the menu:\n${lines.map((l) => `- ${l}`).join("\n")}\nOpen a product to see its sizes and add it to your cart.`;
    }
    case "list_promotions": {
      const promos = (data.promotions ?? []) as { name: string; hours: string | null }[];
      if (!promos.length) return "There are no promotions running right now.";
      return `Live promotions right now:\n${promos.map((p) => `- ${p.name}${p.hours ? ` (${p.hours})` : ""}`).join("\n")}`;
    }
    case "store_info": {
      const locations = (data.locations ?? []) as {
        name: string;
        address: string;
        openNow: boolean;
        todaysHours: unknown;
      }[];
      if (!locations.length) return "This store has no locations listed yet.";
      return locations
        .map(
          (l) =>
            `${l.name}, ${l.address}: ${l.openNow ? "open now" : "closed now"}${todaysHoursText(l.todaysHours)}.`,
        )
        .join("\n");
    }
    case "purchase_limits": {
      const limits = (data.limits ?? []) as { covers: string; allowed: string; per: string }[];
      return `In ${String(data.state)}, each adult-use customer may buy:\n${limits.map((l) => `- ${l.covers}: ${l.allowed} per ${l.per}`).join("\n")}\nThese limits count every purchase in the period together.`;
    }
    case "my_orders": {
      const orders = (data.orders ?? []) as {
        number: string;
        status: string;
        totalCents: number;
        location: string;
        link: string;
      }[];
      if (!orders.length) return "You have no orders at this store yet.";
      return `Your recent orders:\n${orders.map((o) => `- Order ${o.number}: ${o.status.replace(/_/g, " ")}, ${dollars(o.totalCents)} at ${o.location}`).join("\n")}\nSee [your orders](${orders[0]?.link}) for details.`;
    }
    case "my_points":
      return `You have ${Number(data.balance)} points${typeof data.tier === "string" ? ` (${data.tier} tier)` : ""}.`;
    default:
      return "I can search the menu, show live promotions, opening hours, purchase limits and your own orders and points.";
  }
}

function todaysHoursText(hours: unknown): string {
  if (!hours || typeof hours !== "object") return ", closed today";
  const h = hours as { open?: string; close?: string };
  return h.open && h.close ? `, today ${h.open}–${h.close}` : "";
}

function lastToolCall(messages: AiMessage[]): string | null {
  const assistant = [...messages].reverse().find((m) => m.role === "assistant" && Array.isArray(m.content));
  const block = (assistant?.content as AiBlock[] | undefined)?.find((b) => b.type === "tool_use");
  return block?.type === "tool_use" ? block.name : null;
}

async function* localTurn(request: AiRequest): AsyncIterable<AiStreamEvent> {
  const last = request.messages.at(-1);
  const result = Array.isArray(last?.content)
    ? last.content.find((b) => b.type === "tool_result")
    : undefined;
  if (result?.type === "tool_result") {
    let data: ToolData = {};
    try {
      data = (JSON.parse(result.content) as { data: ToolData }).data ?? {};
    } catch {
      data = { error: "Something went wrong reading the menu. Please try again." };
    }
    yield { type: "text", text: localAnswer(lastToolCall(request.messages) ?? "", data) };
    yield { type: "done", stopReason: "end_turn", usage: NO_USAGE };
    return;
  }
  const text = typeof last?.content === "string" ? last.content : "";
  const tool = localToolFor(text);
  yield { type: "tool_use", block: { type: "tool_use", id: `local_${Date.now()}`, ...tool } };
  yield { type: "done", stopReason: "tool_use", usage: NO_USAGE };
}
