"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Line = { id: string; label: string; outstanding: number };
type Entry = { quantity: string; packageLabel: string; expiresOn: string };

/** Receive a delivery: per line, the units that arrived and the METRC package they came in. */
export function ReceiveForm({ purchaseOrderId, lines }: { purchaseOrderId: string; lines: Line[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const receive = useMutation(trpc.purchasing.receive.mutationOptions());
  const [entries, setEntries] = useState<Record<string, Entry>>(() =>
    Object.fromEntries(
      lines.map((l) => [l.id, { quantity: String(l.outstanding), packageLabel: "", expiresOn: "" }]),
    ),
  );
  const [error, setError] = useState("");
  const [done, setDone] = useState("");
  const set = (id: string, patch: Partial<Entry>) =>
    setEntries({ ...entries, [id]: { ...entries[id]!, ...patch } });

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError("");
    setDone("");
    const receipts = lines
      .map((l) => ({ line: l, entry: entries[l.id]! }))
      .filter(({ entry }) => entry.quantity.trim() !== "" && Number(entry.quantity) > 0);
    if (receipts.length === 0) return setError("Enter the units received on at least one line.");
    for (const { line, entry } of receipts) {
      const n = Number(entry.quantity);
      if (!Number.isInteger(n)) return setError(`Enter whole units for ${line.label}.`);
      if (n > line.outstanding)
        return setError(`Only ${line.outstanding} of ${line.label} are still to receive.`);
      if (!entry.packageLabel.trim()) return setError(`Enter the METRC package label for ${line.label}.`);
    }
    try {
      const order = await receive.mutateAsync({
        purchaseOrderId,
        receipts: receipts.map(({ line, entry }) => ({
          lineId: line.id,
          quantity: Number(entry.quantity),
          packageLabel: entry.packageLabel.trim(),
          expiresOn: entry.expiresOn || null,
        })),
      });
      setDone(
        order.status === "received"
          ? "Everything on this order is received."
          : "Received; the rest is still to come.",
      );
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }

  return (
    <Card>
      <CardTitle>Receive a delivery</CardTitle>
      <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Receive a delivery">
        {lines.map((l) => (
          <fieldset key={l.id} className="flex flex-wrap items-end gap-3 border-t border-stone-200 pt-3">
            <legend className="text-sm font-medium">
              {l.label} <span className="text-stone-600">({l.outstanding} to come)</span>
            </legend>
            <label className="flex flex-col gap-1 text-sm">
              Units received
              <input
                type="number"
                min={0}
                inputMode="numeric"
                value={entries[l.id]!.quantity}
                onChange={(e) => set(l.id, { quantity: e.target.value })}
                className="min-h-11 w-28 rounded-lg border border-stone-300 bg-white px-2"
              />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              METRC package label
              <input
                value={entries[l.id]!.packageLabel}
                onChange={(e) => set(l.id, { packageLabel: e.target.value })}
                maxLength={40}
                autoCapitalize="characters"
                className="min-h-11 w-72 max-w-full rounded-lg border border-stone-300 bg-white px-2 font-mono"
              />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              Expiry date (optional)
              <input
                type="date"
                value={entries[l.id]!.expiresOn}
                onChange={(e) => set(l.id, { expiresOn: e.target.value })}
                className="min-h-11 rounded-lg border border-stone-300 bg-white px-2"
              />
            </label>
          </fieldset>
        ))}
        {error ? <Notice tone="error">{error}</Notice> : null}
        {done ? <Notice tone="success">{done}</Notice> : null}
        <div>
          <Button type="submit" disabled={receive.isPending}>
            {receive.isPending ? "Receiving…" : "Receive into stock"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
