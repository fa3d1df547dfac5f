"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** A draft line's quantity, saved on its own button; 0 removes the line. */
export function LineQuantity({
  purchaseOrderId,
  lineId,
  quantity,
  label,
}: {
  purchaseOrderId: string;
  lineId: string;
  quantity: number;
  label: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.purchasing.updateLine.mutationOptions());
  const [value, setValue] = useState(String(quantity));
  const [error, setError] = useState("");
  async function save() {
    setError("");
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) return setError("Enter a whole number (0 removes the line).");
    try {
      await update.mutateAsync({ purchaseOrderId, lineId, quantity: n });
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  }
  return (
    <div className="flex items-center justify-end gap-2">
      <input
        type="number"
        min={0}
        inputMode="numeric"
        aria-label={`Units of ${label}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="min-h-11 w-24 rounded-lg border border-stone-300 bg-white px-2 text-right"
      />
      <Button variant="secondary" onClick={save} disabled={update.isPending}>
        Save<span className="sr-only"> units of {label}</span>
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** Send a draft to the supplier by email, or cancel an order nothing has been received on. */
export function DraftActions({
  purchaseOrderId,
  status,
  supplierEmail,
}: {
  purchaseOrderId: string;
  status: "draft" | "sent";
  supplierEmail: string | null;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const send = useMutation(trpc.purchasing.send.mutationOptions());
  const cancel = useMutation(trpc.purchasing.cancel.mutationOptions());
  const [error, setError] = useState("");
  const run = async (action: () => Promise<unknown>) => {
    setError("");
    try {
      await action();
      router.refresh();
    } catch (e) {
      setError(describeError(e).message);
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {status === "draft" ? (
          <Button onClick={() => run(() => send.mutateAsync({ purchaseOrderId }))} disabled={send.isPending}>
            {supplierEmail ? `Send to ${supplierEmail}` : "Send by email"}
          </Button>
        ) : null}
        <Button
          variant="danger"
          onClick={() => run(() => cancel.mutateAsync({ purchaseOrderId }))}
          disabled={cancel.isPending}
        >
          Cancel order
        </Button>
      </div>
      {error ? <Notice tone="error">{error}</Notice> : null}
    </div>
  );
}
