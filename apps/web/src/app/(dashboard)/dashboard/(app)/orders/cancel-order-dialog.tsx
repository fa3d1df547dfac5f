"use client";
import { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import { Form, FormItem, useZodForm } from "@cannasaas/ui/form";
import { orderCancelReasonSchema } from "@cannasaas/validators";

const cancelSchema = z.object({ reason: orderCancelReasonSchema });

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
  const form = useZodForm(cancelSchema, { defaultValues: { reason: "" } });
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title={`Cancel order #${orderNumber}?`}
      description="Its reserved stock goes back on the shelf. The shopper sees the order as cancelled."
    >
      <Form form={form} className="flex flex-col gap-3" onSubmit={({ reason }) => onConfirm(reason.trim())}>
        <FormItem name="reason" label="Reason">
          {(control) => (
            <textarea
              {...control}
              required
              maxLength={500}
              rows={3}
              className="rounded-lg border border-stone-300 p-3 text-base focus:border-brand focus:ring-2 focus:ring-brand/30"
            />
          )}
        </FormItem>
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
      </Form>
    </Modal>
  );
}
