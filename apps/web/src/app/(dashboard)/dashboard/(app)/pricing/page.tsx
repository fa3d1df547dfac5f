import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { EmptyState, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { formatCents } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { DecisionButtons, PolicyForm, RefreshButton } from "./pricing-actions";

export const metadata: Metadata = { title: "Markdowns" };

const REASONS = { near_expiry: "Near expiry", slow_mover: "Slow mover" } as const;

function refusal(error: unknown): string {
  if (error instanceof TRPCError && ["FORBIDDEN", "BAD_REQUEST"].includes(error.code)) return error.message;
  throw error;
}

/**
 * Markdown suggestions: each with its reason and the figures behind it (current price, suggestion, unit cost and
 * the margin floor it respects). Prices change only when someone with prices.write approves one.
 */
export default async function PricingPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "reports.read"))
    return <Notice tone="error">Your role cannot see markdown suggestions. Ask an owner or admin.</Notice>;
  const canPrice = can(active.role, "prices.write");
  const api = await serverApi();
  const loaded = await Promise.all([
    api.pricing.policy(),
    api.pricing.suggestions(),
    api.pricing.suggestions({ status: "approved" }),
    api.pricing.suggestions({ status: "dismissed" }),
  ]).catch(refusal);

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Markdowns</h1>
      <p className="max-w-3xl text-stone-700">
        Suggested price cuts for lots close to their expiry date and for stock that sells too slowly, never
        below your margin floor over the unit cost recorded when the lot was received. Nothing changes a price
        until you approve it; an approved markdown changes the product&apos;s price everywhere and is kept in
        the audit trail.
      </p>
      {typeof loaded === "string" ? (
        <Notice tone="error">{loaded}</Notice>
      ) : (
        <Suggestions loaded={loaded} canPrice={canPrice} />
      )}
    </div>
  );
}

type Loaded = [
  Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["pricing"]["policy"]>>,
  ...Array<Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["pricing"]["suggestions"]>>>,
];

function Suggestions({ loaded, canPrice }: { loaded: Loaded; canPrice: boolean }) {
  const [policy, open = [], approved = [], dismissed = []] = loaded;
  const decided = [...approved, ...dismissed]
    .sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))
    .slice(0, 20);
  return (
    <>
      {canPrice ? (
        <PolicyForm policy={policy} />
      ) : (
        <p className="text-sm text-stone-700">
          Margin floor {policy.marginFloorBp / 100}%; lots expiring within {policy.expiryWindowDays} days;
          slow when stock would last over {policy.slowMoverCoverDays} days.
        </p>
      )}
      {canPrice ? <RefreshButton /> : null}
      {open.length === 0 ? (
        <EmptyState>
          No markdowns to consider.{canPrice ? " Refresh to check today's lots and sales." : ""}
        </EmptyState>
      ) : (
        <Table>
          <TableCaption>Suggested markdowns ({open.length})</TableCaption>
          <TableHeader className="text-stone-700">
            <tr>
              <TableHead>Product</TableHead>
              <TableHead>Why</TableHead>
              <TableHead className="text-right">Now</TableHead>
              <TableHead className="text-right">Suggested</TableHead>
              <TableHead className="text-right">Unit cost</TableHead>
              <TableHead className="text-right">Margin floor</TableHead>
              {canPrice ? <TableHead>Decision</TableHead> : null}
            </tr>
          </TableHeader>
          <TableBody>
            {open.map((s) => {
              const label = `${s.productName} (${s.variantName})`;
              return (
                <tr key={s.id} data-testid="price-suggestion">
                  <TableCell>
                    <span className="font-medium">{s.productName}</span>
                    <span className="block text-xs text-stone-600">
                      {s.variantName} · {s.sku}
                    </span>
                  </TableCell>
                  <TableCell>
                    <span className="font-medium">{REASONS[s.reason]}</span>
                    <span className="block text-sm text-stone-700">{s.explanation}</span>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">
                    {formatCents(s.currentPriceCents)}
                  </TableCell>
                  <TableCell className="text-right font-semibold tabular-nums">
                    {formatCents(s.suggestedPriceCents)}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(s.unitCostCents)}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(s.floorPriceCents)}</TableCell>
                  {canPrice ? (
                    <TableCell>
                      <DecisionButtons suggestionId={s.id} label={label} />
                    </TableCell>
                  ) : null}
                </tr>
              );
            })}
          </TableBody>
        </Table>
      )}
      {decided.length > 0 ? (
        <Table>
          <TableCaption>Recent decisions</TableCaption>
          <TableHeader className="text-stone-700">
            <tr>
              <TableHead>Product</TableHead>
              <TableHead>Decision</TableHead>
              <TableHead className="text-right">Price then</TableHead>
              <TableHead className="text-right">Suggested</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {decided.map((s) => (
              <tr key={s.id}>
                <TableCell>
                  {s.productName} ({s.variantName})
                </TableCell>
                <TableCell>{s.status === "approved" ? "Approved" : "Dismissed"}</TableCell>
                <TableCell className="text-right tabular-nums">{formatCents(s.currentPriceCents)}</TableCell>
                <TableCell className="text-right tabular-nums">
                  {formatCents(s.suggestedPriceCents)}
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </>
  );
}
