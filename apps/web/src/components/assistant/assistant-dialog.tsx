"use client";
import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { useEffect, useRef, useState, type RefObject } from "react";
import { formatCents } from "~/lib/format";
import { AnswerText } from "./answer-text";
import { useAssistant } from "./use-assistant";

const MAX_CHARS = 1000;

/**
 * The assistant's accessible dialog: the conversation (a polite live region), a labelled question box, the
 * store's notices (AI off, how long the conversation is kept) and product cards linking to real, in-stock
 * products. Loaded on the first open (see AssistantPanel) and kept mounted after it, so closing the dialog
 * keeps the conversation. Closing returns focus to the button that opened it.
 */
export default function AssistantDialog({
  storeName,
  open,
  onOpenChange,
  opener,
}: {
  storeName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  opener: RefObject<HTMLButtonElement | null>;
}) {
  const setOpen = onOpenChange;
  const [draft, setDraft] = useState("");
  const { entries, busy, notice, ask } = useAssistant();
  const log = useRef<HTMLDivElement>(null);

  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [entries, open]);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const message = draft.trim();
    if (!message || busy) return;
    setDraft("");
    void ask(message);
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-stone-950/40" />
        <Dialog.Content
          onCloseAutoFocus={(event) => {
            // There is no Radix trigger to return to: the opener lives outside this lazily loaded part.
            event.preventDefault();
            opener.current?.focus();
          }}
          className="fixed inset-x-0 bottom-0 z-50 flex max-h-[90dvh] flex-col rounded-t-2xl bg-white shadow-xl focus:outline-none sm:inset-x-auto sm:bottom-4 sm:right-4 sm:w-[26rem] sm:rounded-2xl"
        >
          <div className="flex items-start justify-between gap-2 border-b border-stone-200 px-4 py-3">
            <div>
              <Dialog.Title className="text-base font-bold text-stone-900">
                {storeName} assistant
              </Dialog.Title>
              <Dialog.Description className="text-xs text-stone-600">
                Answers about this store&apos;s menu, stock, deals, hours and limits. No medical or dosing
                advice.
              </Dialog.Description>
            </div>
            <Dialog.Close
              className="min-h-11 min-w-11 rounded-md text-stone-700 hover:bg-stone-100"
              aria-label="Close assistant"
            >
              ✕
            </Dialog.Close>
          </div>
          {notice ? (
            <p
              role="status"
              className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900"
            >
              {notice}
            </p>
          ) : null}
          <div
            ref={log}
            onClick={(event) => {
              // Following a product link leaves the panel: close it so the page underneath can be used.
              if ((event.target as HTMLElement).closest("a")) setOpen(false);
            }}
            role="log"
            aria-live="polite"
            aria-label="Conversation"
            className="flex-1 space-y-3 overflow-y-auto px-4 py-3 text-sm"
          >
            {entries.length === 0 ? (
              <p className="text-stone-600">
                Try &ldquo;something relaxing under $40&rdquo; or &ldquo;when are you open?&rdquo;
              </p>
            ) : null}
            {entries.map((entry, i) =>
              entry.role === "shopper" ? (
                <div key={i} className="ml-8 rounded-xl bg-stone-100 px-3 py-2 text-stone-900">
                  <span className="sr-only">You: </span>
                  {entry.text}
                </div>
              ) : (
                <div key={i} className={entry.error ? "text-red-800" : "text-stone-900"}>
                  <span className="sr-only">Assistant: </span>
                  {entry.text ? (
                    <AnswerText text={entry.text} />
                  ) : (
                    <p className="text-stone-600">Checking the menu…</p>
                  )}
                  {entry.products?.length ? (
                    <ul className="mt-2 grid gap-2" aria-label="Products mentioned">
                      {entry.products.map((p) => (
                        <li key={p.slug}>
                          <Link
                            href={p.href}
                            className="block rounded-lg border border-stone-200 px-3 py-2 hover:border-brand"
                          >
                            <span className="font-semibold">{p.name}</span>
                            {p.brand ? <span className="text-stone-600"> · {p.brand}</span> : null}
                            <span className="block text-xs text-stone-700">
                              from {formatCents(p.fromPriceCents)}
                            </span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              ),
            )}
          </div>
          <form onSubmit={submit} className="border-t border-stone-200 px-4 py-3">
            <label htmlFor="assistant-question" className="text-xs font-medium text-stone-700">
              Your question
            </label>
            <div className="mt-1 flex gap-2">
              <input
                id="assistant-question"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                maxLength={MAX_CHARS}
                autoComplete="off"
                className="min-h-11 flex-1 rounded-md border border-stone-400 px-3 text-sm"
              />
              <button
                type="submit"
                disabled={busy || !draft.trim()}
                className="min-h-11 rounded-md bg-brand px-4 text-sm font-semibold text-white disabled:opacity-60"
              >
                {busy ? "Answering…" : "Ask"}
              </button>
            </div>
            <p className="mt-2 text-xs text-stone-600">
              This conversation is kept for 30 minutes so the assistant can follow it, then deleted. Ask for a
              person to reach the store&apos;s staff.
            </p>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
