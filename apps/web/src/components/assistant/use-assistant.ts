"use client";
import { useCallback, useRef, useState } from "react";

export type ProductCard = {
  slug: string;
  name: string;
  brand: string | null;
  fromPriceCents: number;
  href: string;
};
export type ChatEntry = {
  role: "shopper" | "assistant";
  text: string;
  products?: ProductCard[];
  error?: boolean;
  handoff?: boolean;
};

type StreamEvent =
  | { type: "status"; aiOn: boolean; notice: string | null }
  | { type: "text"; text: string }
  | { type: "products"; products: ProductCard[] }
  | { type: "handoff" }
  | { type: "done" }
  | { type: "error"; message: string };

/** Reads Server-Sent Events from a fetch response body (EventSource cannot POST). */
async function* readEvents(response: Response): AsyncGenerator<StreamEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf("\n\n")) !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split("\n")
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      if (data) yield JSON.parse(data) as StreamEvent;
    }
  }
}

/** The conversation shown in the panel, and `ask` which streams one answer into it. */
export function useAssistant() {
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [aiOn, setAiOn] = useState<boolean | null>(null);
  const abort = useRef<AbortController | null>(null);

  const update = (change: (entry: ChatEntry) => ChatEntry) =>
    setEntries((all) => [...all.slice(0, -1), change(all.at(-1)!)]);

  const ask = useCallback(async (message: string) => {
    setBusy(true);
    setEntries((all) => [...all, { role: "shopper", text: message }, { role: "assistant", text: "" }]);
    abort.current = new AbortController();
    try {
      const response = await fetch("/assistant", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ message }),
        signal: abort.current.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        update((e) => ({
          ...e,
          text: body?.error ?? "The assistant is unavailable. Please try again.",
          error: true,
        }));
        return;
      }
      for await (const event of readEvents(response)) {
        if (event.type === "status") {
          setAiOn(event.aiOn);
          setNotice(event.notice);
        } else if (event.type === "text") update((e) => ({ ...e, text: e.text + event.text }));
        else if (event.type === "products") update((e) => ({ ...e, products: event.products }));
        else if (event.type === "handoff") update((e) => ({ ...e, handoff: true }));
        else if (event.type === "error") update((e) => ({ ...e, text: event.message, error: true }));
      }
    } catch {
      update((e) => ({ ...e, text: e.text || "The connection dropped. Please try again.", error: !e.text }));
    } finally {
      setBusy(false);
    }
  }, []);

  return { entries, busy, notice, aiOn, ask };
}
