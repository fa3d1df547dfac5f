import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { SUPPORT_STATUSES, type SupportStatus } from "@cannasaas/core";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { StatusButton } from "./status-button";

export const metadata: Metadata = { title: "Shopper requests" };

const TAB_LABELS: Record<SupportStatus, string> = { open: "Waiting", closed: "Handled" };

/** Requests for a person that shoppers made through the storefront assistant, with the chat that led to them. */
export default async function SupportPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "customers.read"))
    return <Notice tone="error">Your role cannot see shoppers&apos; requests.</Notice>;
  const asked = (await searchParams).status;
  const status: SupportStatus = SUPPORT_STATUSES.find((s) => s === asked) ?? "open";
  const api = await serverApi();
  const [{ requests, openCount }, overview] = await Promise.all([
    api.support.requests({ status }),
    api.organization.overview(),
  ]);
  const timeZone = overview.organization.timeZone;
  const canHandle = can(active.role, "support.handle");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Shopper requests</h1>
      <p className="text-sm text-stone-700">
        When a shopper asks the menu assistant for a person, their request lands here with the conversation so
        far. Reply by email to signed-in shoppers; guests were asked to call the store.
      </p>
      <nav aria-label="Request status" className="flex gap-2">
        {SUPPORT_STATUSES.map((s) => (
          <Link
            key={s}
            href={`/dashboard/support?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            className={`min-h-11 rounded-lg px-4 py-2 text-sm font-semibold ${s === status ? "bg-brand text-white" : "border border-stone-300 bg-white"}`}
          >
            {TAB_LABELS[s]}
            {s === "open" ? ` (${openCount})` : ""}
          </Link>
        ))}
      </nav>
      {requests.length ? (
        <ul className="flex flex-col gap-3">
          {requests.map((r) => (
            <Card as="li" key={r.id} data-testid="support-request" className="flex flex-col gap-2">
              <p className="whitespace-pre-line font-medium">{r.message}</p>
              <p className="text-sm text-stone-600">
                {r.signedIn ? (r.shopperName ?? "Signed-in shopper") : "Guest"}
                {r.contact ? (
                  <>
                    {" · "}
                    <a href={`mailto:${r.contact}`} className="text-brand underline">
                      {r.contact}
                    </a>
                  </>
                ) : null}
                {" · "}
                {formatDateTime(r.createdAt, timeZone)}
              </p>
              {r.transcript.length ? (
                <details>
                  <summary className="cursor-pointer text-sm font-semibold text-stone-800">
                    Conversation ({r.transcript.length} {r.transcript.length === 1 ? "message" : "messages"})
                  </summary>
                  <ol className="mt-2 flex flex-col gap-1 text-sm">
                    {r.transcript.map((turn, i) => (
                      <li key={i}>
                        <span className="font-semibold">
                          {turn.role === "shopper" ? "Shopper" : "Assistant"}:
                        </span>{" "}
                        {turn.text}
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
              {canHandle ? <StatusButton requestId={r.id} open={r.status === "open"} /> : null}
            </Card>
          ))}
        </ul>
      ) : (
        <EmptyState>
          {status === "open"
            ? "No requests waiting. Shoppers' requests for a person show up here."
            : "Nothing handled yet."}
        </EmptyState>
      )}
    </div>
  );
}
