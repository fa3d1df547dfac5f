import {
  NO_USAGE,
  type AiBlock,
  type AiMessage,
  type AiProvider,
  type AiRequest,
  type AiStreamEvent,
} from "@cannasaas/integrations/ai";
import type { NamedPeriod } from "./period";

/**
 * The owner's assistant with AI off: no model, no network. It reads a few question shapes (best sellers for a
 * period and location, items low and selling fast, top categories, orders and revenue for a period), calls one
 * tool through the same loop and guard as Claude, and answers from its data with fixed phrasing.
 */
export function createLocalInsights(locations: { name: string; city: string }[]): AiProvider {
  return {
    kind: "local",
    model: "local-insights",
    stream: (request) => localTurn(request, locations),
  };
}

const PERIOD_WORDS: [RegExp, NamedPeriod][] = [
  [/\blast weekend\b|\bthis past weekend\b|\bover the weekend\b/i, "last_weekend"],
  [/\byesterday\b/i, "yesterday"],
  [/\btoday\b/i, "today"],
  [/\blast week\b/i, "last_week"],
  [/\bthis week\b/i, "this_week"],
  [/\blast month\b/i, "last_month"],
  [/\bthis month\b/i, "this_month"],
  [/\b(last|past) (30|thirty) days\b/i, "last_30_days"],
  [/\b(last|past) (7|seven) days\b/i, "last_7_days"],
];

export const LOCAL_INSIGHTS_HELP =
  'With AI off I can answer a few kinds of questions: best sellers for a period and location ("what sold best last weekend at Oakland?"), items low on stock and selling fast, top categories, and orders and revenue for a period ("revenue last week").';

/** The tool and input an owner's words call for, or null when the question is not one of the known shapes. */
export function localInsightToolFor(
  question: string,
  locations: { name: string; city: string }[],
): { name: string; input: Record<string, unknown> } | null {
  const input: Record<string, unknown> = {};
  const period = PERIOD_WORDS.find(([re]) => re.test(question))?.[1];
  if (period) input.period = period;
  const q = question.toLowerCase();
  const location =
    locations.find((l) => q.includes(l.name.toLowerCase())) ??
    locations.find((l) =>
      new RegExp(`\\b${l.city.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(q),
    );
  if (location) input.location = location.name;
  if (/\b(low|running out|run out|reorder|out of stock)\b/i.test(question))
    return { name: "low_stock_velocity", input: location ? { location: location.name } : {} };
  if (/\bcategor(y|ies)\b/i.test(question)) return { name: "top_categories", input };
  if (
    /\b(best|top|most)\b.*\b(sell\w*|sold|popular|products?|items?)\b|\bsold best\b|\bbest.?sellers?\b/i.test(
      question,
    )
  )
    return { name: "sales_by_product", input };
  if (
    /\b(revenue|sales|orders?|takings|turnover|how much did we (make|sell)|average order)\b/i.test(question)
  )
    return { name: "sales_totals", input };
  return null;
}

const dollars = (cents: number) =>
  `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Data = Record<string, unknown> & { error?: string };
type Period = { label: string };

/** The fixed-phrasing answer to one tool's data. */
export function localInsightAnswer(tool: string, data: Data): string {
  if (typeof data.error === "string") return data.error;
  const where = `at ${String(data.location)}`;
  switch (tool) {
    case "sales_by_product": {
      const period = data.period as Period;
      const rows = (data.products ?? []) as { product: string; units: number; salesCents: number }[];
      if (!rows.length) return `No completed sales ${where} from ${period.label}.`;
      const lines = rows.map(
        (r, i) => `${i + 1}. ${r.product}: ${count(r.units, "unit")}, ${dollars(r.salesCents)}`,
      );
      return `Best sellers ${where} from ${period.label}, by units sold:\n${lines.join("\n")}`;
    }
    case "top_categories": {
      const period = data.period as Period;
      const rows = (data.categories ?? []) as { category: string; units: number; salesCents: number }[];
      if (!rows.length) return `No completed sales ${where} from ${period.label}.`;
      const lines = rows.map(
        (r, i) => `${i + 1}. ${r.category}: ${dollars(r.salesCents)}, ${count(r.units, "unit")}`,
      );
      return `Top categories ${where} from ${period.label}, by sales:\n${lines.join("\n")}`;
    }
    case "sales_totals": {
      const period = data.period as Period;
      type T = {
        orders: number;
        netSalesCents: number;
        totalCents: number;
        averageOrderCents: number | null;
      };
      const now = data.current as T;
      const before = data.previous as T;
      const change = data.netSalesChangePercent as number | null;
      const average =
        now.averageOrderCents === null ? "" : `, an average order of ${dollars(now.averageOrderCents)}`;
      const compared =
        change === null
          ? `There were no sales in the period before (${String(data.previousLabel)}) to compare with.`
          : `Net sales were ${dollars(before.netSalesCents)} in the period before (${String(data.previousLabel)}), a change of ${change}%.`;
      return `${where.charAt(0).toUpperCase()}${where.slice(1)} from ${period.label}: ${count(now.orders, "completed order")}, ${dollars(now.netSalesCents)} in net sales and ${dollars(now.totalCents)} in revenue with taxes and fees${average}. ${compared}`;
    }
    case "low_stock_velocity": {
      const rows = (data.items ?? []) as {
        product: string;
        variant: string;
        location: string;
        available: number;
        unitsPerDay: number;
        daysLeft: number | null;
      }[];
      if (!rows.length) return `Nothing is at or below its low-stock level ${where}.`;
      const lines = rows.map(
        (r) =>
          `- ${r.product} (${r.variant}) at ${r.location}: ${r.available} available, ${r.unitsPerDay} sold a day, ${r.daysLeft === null ? "no sales in that time" : `about ${r.daysLeft} days left`}`,
      );
      return `Low on stock ${where}, fastest to run out first (sales over the last ${Number(data.days)} days):\n${lines.join("\n")}`;
    }
    default:
      return LOCAL_INSIGHTS_HELP;
  }
}

function lastToolCall(messages: AiMessage[]): string | null {
  const assistant = [...messages].reverse().find((m) => m.role === "assistant" && Array.isArray(m.content));
  const block = (assistant?.content as AiBlock[] | undefined)?.find((b) => b.type === "tool_use");
  return block?.type === "tool_use" ? block.name : null;
}

async function* localTurn(
  request: AiRequest,
  locations: { name: string; city: string }[],
): AsyncIterable<AiStreamEvent> {
  const last = request.messages.at(-1);
  const result = Array.isArray(last?.content)
    ? last.content.find((b) => b.type === "tool_result")
    : undefined;
  if (result?.type === "tool_result") {
    let data: Data;
    try {
      data = (JSON.parse(result.content) as { data: Data }).data ?? {};
    } catch {
      data = { error: "Something went wrong reading the figures. Please try again." };
    }
    yield { type: "text", text: localInsightAnswer(lastToolCall(request.messages) ?? "", data) };
    yield { type: "done", stopReason: "end_turn", usage: NO_USAGE };
    return;
  }
  const question = typeof last?.content === "string" ? last.content : "";
  const tool = localInsightToolFor(question, locations);
  if (!tool) {
    yield { type: "text", text: LOCAL_INSIGHTS_HELP };
    yield { type: "done", stopReason: "end_turn", usage: NO_USAGE };
    return;
  }
  yield { type: "tool_use", block: { type: "tool_use", id: `local_${tool.name}`, ...tool } };
  yield { type: "done", stopReason: "tool_use", usage: NO_USAGE };
}
