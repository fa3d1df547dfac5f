"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import type { RouterOutputs } from "@cannasaas/api";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@cannasaas/ui/table";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

type Answer = RouterOutputs["insights"]["ask"];
type Figures = Answer["figures"][number];

const OFF_REASONS = {
  no_key: "AI is off: questions are read by a fixed set of patterns and answered with fixed wording.",
  plan: "AI is off on your plan (Claude answers come with Professional): questions are answered with fixed wording.",
  quota: "This month's AI allowance is used up: questions are answered with fixed wording.",
} as const;

const EXAMPLES = [
  "What sold best last weekend?",
  "Which products are low and selling fast?",
  "What was our revenue last week?",
  "Top categories this month",
];

const MAX_CHARS = 500;

function formatFigure(value: string | number | null | undefined, kind: Figures["columns"][number]["kind"]) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "string") return value;
  if (kind === "cents") return formatCents(value);
  return value.toLocaleString("en-US");
}

function FiguresTable({ figures }: { figures: Figures }) {
  const scope = [figures.period?.label, figures.location ?? "all locations"].filter(Boolean).join(", ");
  return (
    <Table framed containerClassName="max-w-full">
      <TableCaption visible>
        {figures.title}
        <span className="block text-xs font-normal text-stone-600">{scope}</span>
      </TableCaption>
      <TableHeader>
        <TableRow>
          {figures.columns.map((c) => (
            <TableHead key={c.key} align={c.kind === "text" ? "left" : "right"}>
              {c.label}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {figures.rows.length === 0 ? (
          <TableRow>
            <TableCell colSpan={figures.columns.length}>No figures for this.</TableCell>
          </TableRow>
        ) : (
          figures.rows.map((row, i) => (
            <TableRow key={i}>
              {figures.columns.map((c) => (
                <TableCell key={c.key} numeric={c.kind !== "text"}>
                  {formatFigure(row[c.key], c.kind)}
                </TableCell>
              ))}
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
}

/**
 * The owner's assistant: a question box, the answer, and the figures the answer used beside it. Answers arrive
 * whole (the server checks every number in them against the figures before sending them).
 */
export function InsightsAssistant() {
  const trpc = useTRPC();
  const questionId = useId();
  const hintId = useId();
  const [question, setQuestion] = useState("");
  const [asked, setAsked] = useState<string | null>(null);
  const status = useQuery(trpc.insights.status.queryOptions());
  const ask = useMutation(trpc.insights.ask.mutationOptions());

  const submit = (text: string) => {
    const q = text.trim();
    if (!q || ask.isPending) return;
    setAsked(q);
    ask.mutate({ question: q });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(question);
  };
  const offNotice =
    status.data && !status.data.aiOn && status.data.reason ? OFF_REASONS[status.data.reason] : null;
  const answer = ask.data;

  return (
    <div className="flex flex-col gap-4">
      <Card as="section" aria-labelledby="ask-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="ask-heading" className="text-lg font-semibold">
            Your question
          </h2>
          {status.data ? (
            <Badge tone={status.data.aiOn ? "info" : "neutral"}>
              {status.data.aiOn ? "AI on (Claude)" : "AI off"}
            </Badge>
          ) : null}
        </div>
        {offNotice ? <Notice>{offNotice}</Notice> : null}
        <form onSubmit={onSubmit} className="flex flex-col gap-2">
          <label htmlFor={questionId} className="text-sm font-medium text-stone-800">
            Ask about your sales or stock
          </label>
          <textarea
            id={questionId}
            aria-describedby={hintId}
            value={question}
            maxLength={MAX_CHARS}
            rows={2}
            onChange={(e) => setQuestion(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) {
                e.preventDefault();
                submit(question);
              }
            }}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30"
          />
          <p id={hintId} className="text-xs text-stone-600">
            For example: {EXAMPLES.map((e) => `“${e}”`).join(", ")}.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={ask.isPending || !question.trim()}>
              {ask.isPending ? "Looking at your figures…" : "Ask"}
            </Button>
            {EXAMPLES.slice(0, 3).map((e) => (
              <Button
                key={e}
                type="button"
                variant="ghost"
                disabled={ask.isPending}
                onClick={() => {
                  setQuestion(e);
                  submit(e);
                }}
              >
                {e}
              </Button>
            ))}
          </div>
        </form>
      </Card>

      <div aria-live="polite" aria-busy={ask.isPending} className="flex flex-col gap-4">
        {ask.isPending ? <p className="text-stone-700">Looking at your figures for “{asked}”…</p> : null}
        {ask.error ? <Notice tone="error">{describeError(ask.error).message}</Notice> : null}
        {answer && !ask.isPending ? (
          <div className="grid gap-4 lg:grid-cols-2">
            <Card as="section" aria-labelledby="answer-heading" className="flex flex-col gap-2">
              <h2 id="answer-heading" className="text-lg font-semibold">
                Answer
              </h2>
              <p className="text-sm text-stone-600">You asked: {asked}</p>
              {answer.notice ? <Notice>{answer.notice}</Notice> : null}
              <p className="whitespace-pre-line text-stone-900">{answer.answer}</p>
            </Card>
            <Card as="section" aria-labelledby="figures-heading" className="flex flex-col gap-3">
              <h2 id="figures-heading" className="text-lg font-semibold">
                Figures used
              </h2>
              {answer.figures.length ? (
                answer.figures.map((f, i) => <FiguresTable key={i} figures={f} />)
              ) : (
                <p className="text-sm text-stone-600">No figures were read for this answer.</p>
              )}
            </Card>
          </div>
        ) : null}
      </div>
    </div>
  );
}
