"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

export function CancelOrderButton({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const cancel = useMutation(
    trpc.orders.cancel.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  return (
    <div className="flex flex-col gap-2">
      <Button variant="secondary" className="self-start" onClick={() => setOpen(true)}>
        Cancel order
      </Button>
      {cancel.error && !open ? (
        <p role="alert" className="text-sm text-red-700">
          {describeError(cancel.error).message}
        </p>
      ) : null}
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Cancel this order?"
        description="The items go back on the shelf."
      >
        <div className="flex flex-col gap-3">
          {cancel.error ? (
            <p role="alert" className="text-sm text-red-700">
              {describeError(cancel.error).message}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Keep order
            </Button>
            <Button variant="danger" disabled={cancel.isPending} onClick={() => cancel.mutate({ orderId })}>
              {cancel.isPending ? "Cancelling…" : "Cancel order"}
            </Button>
          </div>
        </div>
      </Modal>
    </div>
  );
}
