import type { Metadata } from "next";
import Link from "next/link";
import { startOfDayIn } from "@cannasaas/core";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { cn } from "@cannasaas/ui/utils";
import { formatDateTime } from "~/lib/format";
import { forbiddenMessage, inventoryContext, pageNumber, param } from "../context";
import { LocationFilter } from "../location-filter";
import { Pager } from "../pager";

export const metadata: Metadata = { title: "Stock history" };

const PAGE_SIZE = 50;
const KIND_LABELS = {
  receive: "Received",
  sell: "Sold",
  adjust: "Adjusted",
  return: "Returned",
  damage: "Written off",
  transfer_in: "Transfer in",
  transfer_out: "Transfer out",
} as const;
type Kind = keyof typeof KIND_LABELS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export default async function HistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await inventoryContext();
  if (!context) return null;
  const sp = await searchParams;
  const tz = context.organization.timeZone;
  const chosen = context.locations.find((l) => l.id === param(sp.location));
  const kind = param(sp.kind) in KIND_LABELS ? (param(sp.kind) as Kind) : undefined;
  const variant = UUID.test(param(sp.variant)) ? param(sp.variant) : undefined;
  const from = DAY.test(param(sp.from)) ? param(sp.from) : "";
  const to = DAY.test(param(sp.to)) ? param(sp.to) : "";
  const page = pageNumber(sp.page);
  const nextDay = (day: string) =>
    new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const history = await context.api.inventory
    .movements({
      locationId: chosen?.id,
      variantId: variant,
      kind,
      from: from ? startOfDayIn(from, tz) : undefined,
      to: to ? startOfDayIn(nextDay(to), tz) : undefined,
      page,
      pageSize: PAGE_SIZE,
    })
    .catch(forbiddenMessage);
  if (typeof history === "string") return <Notice tone="error">{history}</Notice>;
  const kept = {
    ...(chosen ? { location: chosen.id } : {}),
    ...(kind ? { kind } : {}),
    ...(variant ? { variant } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-4">
      <h2 id="history-heading" className="text-lg font-semibold">
        Stock movements
      </h2>
      <form className="flex flex-wrap items-end gap-3" aria-label="Filter movements">
        {variant ? <input type="hidden" name="variant" value={variant} /> : null}
        <LocationFilter locations={context.locations} value={chosen?.id ?? ""} allowAll />
        <div className="flex flex-col gap-1">
          <label htmlFor="history-kind" className="text-sm font-medium">
            Kind
          </label>
          <select
            id="history-kind"
            name="kind"
            defaultValue={kind ?? ""}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            <option value="">All kinds</option>
            {(Object.keys(KIND_LABELS) as Kind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="history-from" className="text-sm font-medium">
            From
          </label>
          <input
            id="history-from"
            name="from"
            type="date"
            defaultValue={from}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="history-to" className="text-sm font-medium">
            To
          </label>
          <input
            id="history-to"
            name="to"
            type="date"
            defaultValue={to}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          />
        </div>
        <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">Show</button>
      </form>
      {variant ? (
        <p className="text-sm text-stone-700">
          Showing one product.{" "}
          <Link
            href={`/dashboard/inventory/history?${new URLSearchParams({ ...kept, variant: "" }).toString()}`}
            className="text-brand underline underline-offset-2"
          >
            Show all products
          </Link>
        </p>
      ) : null}
      {history.items.length === 0 ? (
        <EmptyState>No stock movements match these filters.</EmptyState>
      ) : (
        <Table>
          <TableCaption>Stock movements, newest first</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>When</TableHead>
              <TableHead>What</TableHead>
              <TableHead>Product</TableHead>
              <TableHead align="right">Units</TableHead>
              <TableHead>Reason</TableHead>
              <TableHead>By</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {history.items.map((m) => (
              <tr key={m.id} data-testid="movement-row">
                <TableCell className="whitespace-nowrap">{formatDateTime(m.createdAt, tz)}</TableCell>
                <TableCell>
                  {KIND_LABELS[m.kind]}
                  <span className="block text-xs text-stone-600">{m.locationName}</span>
                </TableCell>
                <TableCell>
                  {m.productName} <span className="text-stone-600">· {m.variantName}</span>
                  {m.packageLabel ? (
                    <span className="block font-mono text-xs text-stone-600">{m.packageLabel}</span>
                  ) : null}
                </TableCell>
                <TableCell
                  numeric
                  className={cn("font-semibold", m.quantity < 0 ? "text-red-700" : "text-emerald-800")}
                >
                  {m.quantity > 0 ? `+${m.quantity}` : m.quantity}
                </TableCell>
                <TableCell>
                  {m.reason ?? "—"}
                  {m.orderId ? (
                    <Link
                      href={`/dashboard/orders/${m.orderId}`}
                      className="block text-xs text-brand underline underline-offset-2"
                    >
                      Open order
                    </Link>
                  ) : null}
                </TableCell>
                <TableCell>{m.actorName ?? m.actorEmail ?? "System"}</TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      <Pager path="/dashboard/inventory/history" params={kept} page={page} hasMore={history.hasMore} />
    </section>
  );
}
