"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import type { ReorderSuggestion } from "@cannasaas/core";
import { describeError } from "~/components/auth/errors";
import { formatCents } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

/** The suggestions with a checkbox and an editable quantity each; the chosen ones become draft orders. */
export function SuggestionsForm({
  locationId,
  canBuy,
  suggestions,
}: {
  locationId: string;
  canBuy: boolean;
  suggestions: ReorderSuggestion[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const draft = useMutation(trpc.purchasing.draftOrders.mutationOptions());
  const [chosen, setChosen] = useState(() => new Set(suggestions.map((s) => s.variantId)));
  const [quantities, setQuantities] = useState(
    () => new Map(suggestions.map((s) => [s.variantId, s.quantity])),
  );
  const [error, setError] = useState("");

  async function submit() {
    setError("");
    const items = suggestions
      .filter((s) => chosen.has(s.variantId))
      .map((s) => ({
        supplierId: s.supplierId,
        variantId: s.variantId,
        quantity: quantities.get(s.variantId) ?? 0,
      }));
    if (items.some((i) => !Number.isInteger(i.quantity) || i.quantity < 1)) {
      setError("Every chosen item needs a whole number of units, at least 1.");
      return;
    }
    try {
      const orders = await draft.mutateAsync({ locationId, items });
      router.push(
        orders.length === 1
          ? `/dashboard/purchasing/orders/${orders[0]!.id}`
          : "/dashboard/purchasing/orders",
      );
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <div className="flex flex-col gap-3">
      <Table>
        <TableCaption>Suggested orders</TableCaption>
        <TableHeader>
          <tr>
            {canBuy ? (
              <TableHead>
                <span className="sr-only">Order</span>
              </TableHead>
            ) : null}
            <TableHead>Product</TableHead>
            <TableHead align="right">Available + on order</TableHead>
            <TableHead align="right">Sells a day</TableHead>
            <TableHead align="right">Reorder point</TableHead>
            <TableHead align="right">Order</TableHead>
            <TableHead align="right">Cost</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {suggestions.map((s) => {
            const label = `${s.productName} (${s.variantName})`;
            const quantity = quantities.get(s.variantId) ?? 0;
            return (
              <tr key={s.variantId} data-testid="suggestion-row">
                {canBuy ? (
                  <TableCell>
                    <input
                      type="checkbox"
                      className="size-5"
                      aria-label={`Order ${label}`}
                      checked={chosen.has(s.variantId)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(s.variantId);
                        else next.delete(s.variantId);
                        setChosen(next);
                      }}
                    />
                  </TableCell>
                ) : null}
                <TableRowHeader>
                  <span className="font-medium">{s.productName}</span>
                  <span className="text-stone-600"> · {s.variantName}</span>
                  <span className="block text-xs text-stone-500">
                    {s.sku} · {s.supplierName} · {s.method}
                  </span>
                  <span className="block text-xs text-stone-600">{s.reason}</span>
                  <Link
                    href={`/dashboard/purchasing/forecast?location=${locationId}&variant=${s.variantId}`}
                    className="text-xs underline"
                  >
                    Daily forecast<span className="sr-only"> of {label}</span>
                  </Link>
                </TableRowHeader>
                <TableCell align="right">
                  {s.available} + {s.onOrder}
                </TableCell>
                <TableCell align="right">{s.forecastPerDay}</TableCell>
                <TableCell align="right">{s.reorderPoint}</TableCell>
                <TableCell align="right">
                  {canBuy ? (
                    <input
                      type="number"
                      min={1}
                      step={s.packSize}
                      inputMode="numeric"
                      aria-label={`Units of ${label}`}
                      value={Number.isFinite(quantity) ? quantity : ""}
                      onChange={(e) =>
                        setQuantities(new Map(quantities).set(s.variantId, e.target.valueAsNumber))
                      }
                      className="min-h-11 w-24 rounded-lg border border-stone-300 bg-white px-2 text-right"
                    />
                  ) : (
                    s.quantity
                  )}
                  {s.packSize > 1 ? (
                    <span className="block text-xs text-stone-500">packs of {s.packSize}</span>
                  ) : null}
                </TableCell>
                <TableCell align="right">
                  {formatCents((Number.isFinite(quantity) ? quantity : 0) * s.unitCostCents)}
                </TableCell>
              </tr>
            );
          })}
        </TableBody>
      </Table>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {canBuy ? (
        <div>
          <Button onClick={submit} disabled={draft.isPending || chosen.size === 0}>
            {draft.isPending ? "Drafting…" : "Draft purchase orders"}
          </Button>
          <p className="mt-1 text-xs text-stone-600">
            One draft per supplier; you can edit it before sending.
          </p>
        </div>
      ) : (
        <Notice>Your role can see suggestions; owners, admins and managers draft orders.</Notice>
      )}
    </div>
  );
}
