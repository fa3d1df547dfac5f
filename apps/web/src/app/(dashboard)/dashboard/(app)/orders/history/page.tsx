import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { STATUS_LABELS } from "@cannasaas/core";
import { Badge } from "@cannasaas/ui/badge";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { HistoryFilters } from "./filters";
import { historyFilterFromParams, historyHref } from "./params";

export const metadata: Metadata = { title: "Order history" };

const TONE = { completed: "success", cancelled: "neutral", refunded: "danger" } as const;

export default async function OrderHistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null;
  const params = await searchParams;
  const { filter, error } = historyFilterFromParams(params);
  const cursor = typeof params.cursor === "string" ? params.cursor : undefined;
  const api = await serverApi();
  const [page, overview] = await Promise.all([
    api.staffOrders.history({ filter, cursor, limit: 25 }).catch((e: unknown) => {
      if (e instanceof TRPCError && (e.code === "FORBIDDEN" || e.code === "BAD_REQUEST")) return e.message;
      throw e;
    }),
    api.organization.overview(),
  ]);
  const next =
    typeof page === "object" && page.nextCursor ? historyHref(filter, { cursor: page.nextCursor }) : null;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Order history</h1>
        <Link href="/dashboard/orders" className="font-medium text-brand underline underline-offset-4">
          Open orders queue
        </Link>
      </div>
      <p className="text-stone-700">
        Every order in every status, newest first. Dates are the store&apos;s calendar days (
        {overview.organization.timeZone}).
      </p>
      <HistoryFilters
        filter={filter}
        locations={overview.locations.map((l) => ({ id: l.id, name: l.name }))}
      />
      {error ? <Notice tone="error">{error}</Notice> : null}
      {can(active.role, "reports.read") ? (
        <a
          href={historyHref(filter, {}, "/dashboard/orders/history/export")}
          className="self-start font-medium text-brand underline underline-offset-4"
        >
          Download these orders as CSV
        </a>
      ) : null}
      {typeof page === "string" ? (
        <Notice tone="error">{page}</Notice>
      ) : page.items.length === 0 ? (
        <EmptyState>No orders match these filters.</EmptyState>
      ) : (
        <Table>
          <TableCaption>Orders, newest first</TableCaption>
          <TableHeader className="text-stone-700">
            <tr>
              <TableHead>Order</TableHead>
              <TableHead>Placed</TableHead>
              <TableHead>Customer</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Location</TableHead>
              <TableHead>Fulfilment · payment</TableHead>
              <TableHead className="text-right">Items</TableHead>
              <TableHead className="text-right">Total</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {page.items.map((o) => (
              <tr key={o.id} data-testid="history-row">
                <TableCell>
                  <Link
                    href={`/dashboard/orders/${o.id}`}
                    className="font-semibold text-brand underline-offset-4 hover:underline"
                  >
                    #{o.orderNumber}
                  </Link>
                </TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(o.placedAt, o.timeZone)}</TableCell>
                <TableCell>
                  {o.customerName ?? "—"}
                  <span className="block text-xs text-stone-600">{o.customerEmail}</span>
                </TableCell>
                <TableCell>
                  <Badge tone={o.status in TONE ? TONE[o.status as keyof typeof TONE] : "info"}>
                    {STATUS_LABELS[o.status]}
                  </Badge>
                </TableCell>
                <TableCell>{o.locationName}</TableCell>
                <TableCell>
                  {o.fulfillment === "pickup" ? "Pickup" : "Delivery"} · {o.paymentMethod}
                </TableCell>
                <TableCell className="text-right tabular-nums">{o.units}</TableCell>
                <TableCell className="text-right tabular-nums">{formatCents(o.totalCents)}</TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      <nav aria-label="Pages" className="flex justify-between gap-2">
        {cursor ? (
          <Link
            href={historyHref(filter)}
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-medium"
          >
            Newest
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link
            href={next}
            rel="next"
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-medium"
          >
            Older orders
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
