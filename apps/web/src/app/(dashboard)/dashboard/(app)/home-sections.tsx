import Link from "next/link";
import { STATUS_LABELS } from "@cannasaas/core";
import { Card } from "@cannasaas/ui/card";
import { LoadingState, Skeleton } from "@cannasaas/ui/skeleton";
import { ORDER_STATUSES, type OrderStatus } from "@cannasaas/validators";
import { SalesChart } from "~/components/dashboard/sales-chart";
import { formatCents } from "~/lib/format";
import { serverApi } from "~/server/trpc";

/** Today's sales, orders by status, average order value and the daily sales chart (needs reports.read). */
export async function SalesOverview({ days }: { days: 14 | 30 }) {
  const summary = await (await serverApi()).dashboard.summary({ days });
  const open = ORDER_STATUSES.filter((s) => summary.openByStatus[s]);
  const today = ORDER_STATUSES.filter((s) => summary.todayByStatus[s]);
  const openCount = open.reduce((sum, s) => sum + (summary.openByStatus[s] ?? 0), 0);
  const todays = (query: string) =>
    `/dashboard/orders/history?${query}&from=${summary.today}&to=${summary.today}`;
  const completedToday = todays("status=completed&dates=completed");
  return (
    <>
      <section aria-labelledby="today-heading" className="flex flex-col gap-3">
        <h2 id="today-heading" className="text-lg font-semibold">
          Today ({summary.today})
        </h2>
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="today-stats">
          <Stat
            label="Sales today"
            value={formatCents(summary.todaySales.salesCents)}
            href={completedToday}
          />
          <Stat label="Completed orders" value={String(summary.todaySales.orders)} href={completedToday} />
          <Stat
            label="Average order value"
            value={
              summary.todaySales.averageOrderCents === null
                ? "—"
                : formatCents(summary.todaySales.averageOrderCents)
            }
            hint={
              summary.period.averageOrderCents === null
                ? undefined
                : `${formatCents(summary.period.averageOrderCents)} over ${days} days`
            }
          />
          <Stat label="Open orders" value={String(openCount)} href="/dashboard/orders" />
        </dl>
      </section>

      <section aria-labelledby="status-heading" className="grid gap-3 md:grid-cols-2">
        <h2 id="status-heading" className="sr-only">
          Orders by status
        </h2>
        <StatusList
          title="Placed today, by status"
          statuses={today}
          counts={summary.todayByStatus}
          empty="No orders yet today."
          hrefFor={(s) => todays(`status=${s}`)}
        />
        <StatusList
          title="In progress now"
          statuses={open}
          counts={summary.openByStatus}
          empty="No open orders."
          hrefFor={(s) => `/dashboard/orders#${s}`}
        />
      </section>

      <Card as="section" aria-labelledby="chart-heading" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="chart-heading" className="text-lg font-semibold">
            Sales, last {days} days
          </h2>
          <nav aria-label="Chart period" className="flex gap-1">
            {([14, 30] as const).map((d) => (
              <Link
                key={d}
                href={d === 14 ? "/dashboard" : "/dashboard?days=30"}
                aria-current={d === days ? "page" : undefined}
                className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm font-medium text-stone-700 hover:bg-stone-100 aria-[current=page]:bg-stone-100 aria-[current=page]:text-stone-950"
              >
                {d} days
              </Link>
            ))}
          </nav>
        </div>
        <SalesChart points={summary.series} title={`Completed sales per day, last ${days} days`} />
      </Card>
    </>
  );
}

/** How many stocked items are at or below their threshold, with the lowest few (needs catalog.read). */
export async function LowStockOverview() {
  const rows = await (await serverApi()).inventory.lowStock({ limit: 200 });
  return (
    <Card as="section" aria-labelledby="low-stock-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="low-stock-heading" className="text-lg font-semibold">
          Low stock ({rows.length === 200 ? "200+" : rows.length})
        </h2>
        <Link
          href="/dashboard/inventory/low-stock"
          className="text-sm text-brand underline underline-offset-4"
        >
          See all low stock
        </Link>
      </div>
      {rows.length === 0 ? (
        <p className="text-stone-700">Nothing is running low.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-stone-100 text-sm" data-testid="home-low-stock">
          {rows.slice(0, 5).map((row) => (
            <li
              key={`${row.locationId}-${row.variantId}`}
              className="flex flex-wrap justify-between gap-2 py-2"
            >
              <span>
                {row.productName}{" "}
                <span className="text-stone-600">
                  · {row.variantName} · {row.locationName}
                </span>
              </span>
              <span className={row.available <= 0 ? "font-semibold text-red-700" : "font-semibold"}>
                {row.available <= 0 ? "Sold out" : `${row.available} left`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function SectionSkeleton({ label }: { label: string }) {
  return (
    <LoadingState label={`Loading ${label}…`}>
      <Skeleton className="h-40 rounded-xl" />
    </LoadingState>
  );
}

function Stat({ label, value, hint, href }: { label: string; value: string; hint?: string; href?: string }) {
  return (
    <Card>
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums">
        {href ? (
          <Link
            href={href}
            className="underline-offset-4 hover:underline"
            aria-label={`${label}: ${value}, see the orders`}
          >
            {value}
          </Link>
        ) : (
          value
        )}
      </dd>
      {hint ? <dd className="text-xs text-stone-600">{hint}</dd> : null}
    </Card>
  );
}

function StatusList({
  title,
  statuses,
  counts,
  empty,
  hrefFor,
}: {
  title: string;
  statuses: OrderStatus[];
  counts: Partial<Record<OrderStatus, number>>;
  empty: string;
  /** Where each status's count leads: the queue for open orders, the history for today's. */
  hrefFor: (status: OrderStatus) => string;
}) {
  return (
    <Card>
      <h3 className="font-semibold">{title}</h3>
      {statuses.length === 0 ? (
        <p className="mt-2 text-sm text-stone-700">{empty}</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1 text-sm">
          {statuses.map((s) => (
            <li key={s} className="flex justify-between gap-2">
              <Link href={hrefFor(s)} className="text-brand underline underline-offset-2">
                {STATUS_LABELS[s]}
              </Link>
              <span className="font-semibold tabular-nums">{counts[s]}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
