"use client";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";

/** Asks staff why an order is cancelled; the reason is kept in the order's history. */
export function CancelOrderDialog({
  open,
  orderNumber,
  pending,
  error,
  onOpenChange,
  onConfirm,
}: {
  open: boolean;
  orderNumber: number;
  pending: boolean;
  error: string | null;
  onOpenChange: (open: boolean) => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={`Cancel order #${orderNumber}?`}
      description="Its reserved stock goes back on the shelf. The shopper sees the order as cancelled."
    >
      <form
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) return setMissing(true);
          onConfirm(reason.trim());
        }}
      >
        <label htmlFor="cancel-reason" className="text-sm font-medium">
          Reason
        </label>
        <textarea
          id="cancel-reason"
          required
          maxLength={500}
          rows={3}
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? "cancel-reason-error" : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setMissing(false);
          }}
          className="rounded-lg border border-stone-300 p-3 text-base focus:border-brand focus:ring-2 focus:ring-brand/30"
        />
        {missing ? (
          <p id="cancel-reason-error" role="alert" className="text-sm text-red-700">
            Give a reason for cancelling.
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => onOpenChange(false)}>
            Keep order
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Cancelling…" : "Cancel order"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
