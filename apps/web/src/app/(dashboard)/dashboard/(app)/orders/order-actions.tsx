"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { OrderStatus } from "@cannasaas/core";
import { Button } from "@cannasaas/ui/button";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { CancelOrderDialog } from "./cancel-order-dialog";
import {
  EMPTY_CARD,
  HandoverCardFields,
  readHandoverCard,
  type HandoverCardDraft,
} from "./handover-card-fields";

export type OrderAction = { to: OrderStatus; label: string; done: string };

/**
 * The allowed next steps of one order; cancelling asks for a reason first. With `recordCard` (a debit order
 * on its detail page) staff may record the card taken when they complete it.
 */
export function OrderActions({
  orderId,
  orderNumber,
  actions,
  recordCard = false,
}: {
  orderId: string;
  orderNumber: number;
  actions: OrderAction[];
  recordCard?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [announcement, setAnnouncement] = useState("");
  const [cancelling, setCancelling] = useState(false);
  const [card, setCard] = useState<HandoverCardDraft>(EMPTY_CARD);
  const [cardErrors, setCardErrors] = useState<Partial<Record<keyof HandoverCardDraft, string>>>({});
  const completes = recordCard && actions.some((a) => a.to === "completed");
  const advance = useMutation(
    trpc.staffOrders.advance.mutationOptions({
      onSuccess: (_order, input) => {
        setCancelling(false);
        setCard(EMPTY_CARD);
        setAnnouncement(
          `Order #${orderNumber}: ${actions.find((a) => a.to === input.to)?.done ?? input.to}.`,
        );
        router.refresh();
      },
    }),
  );
  const error = advance.error ? describeError(advance.error).message : null;
  return (
    <div className="flex flex-col gap-2">
      {completes ? (
        <HandoverCardFields
          orderNumber={orderNumber}
          draft={card}
          errors={cardErrors}
          onChange={(next) => {
            setCard(next);
            setCardErrors({});
          }}
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <Button
            key={action.to}
            variant={action.to === "cancelled" || action.to === "refunded" ? "secondary" : "primary"}
            disabled={advance.isPending}
            onClick={() => {
              advance.reset();
              if (action.to === "cancelled") return setCancelling(true);
              if (action.to === "completed" && completes) {
                const read = readHandoverCard(card);
                setCardErrors(read.errors);
                if (Object.keys(read.errors).length) return;
                return advance.mutate({ orderId, to: action.to, card: read.card });
              }
              advance.mutate({ orderId, to: action.to });
            }}
          >
            {action.label}
            <span className="sr-only"> order #{orderNumber}</span>
          </Button>
        ))}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {error && !cancelling ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <CancelOrderDialog
        open={cancelling}
        orderNumber={orderNumber}
        pending={advance.isPending}
        error={error}
        onOpenChange={setCancelling}
        onConfirm={(reason) => advance.mutate({ orderId, to: "cancelled", note: reason })}
      />
    </div>
  );
}
