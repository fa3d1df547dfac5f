import type { PaymentMethod as PaymentMethodName } from "@cannasaas/db/enums";
import type { paymentStatusEnum } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export type PaymentMethodId = PaymentMethodName;
export type PaymentStatus = (typeof paymentStatusEnum.enumValues)[number];

/**
 * How an order is paid. Checkout asks the method for the order's starting payment state; an online provider
 * (a cannabis-friendly ACH such as Aeropay) implements `authorize` against its API and returns "authorized",
 * and is registered here once it exists. Card networks generally refuse marijuana sales, so none is offered.
 */
export interface PaymentMethod {
  readonly id: PaymentMethodId;
  readonly label: string;
  authorize(order: {
    organizationId: string;
    orderNumber: number;
    totalCents: number;
  }): Promise<{ status: PaymentStatus }>;
}

/** Cash or debit handed over at pickup or delivery: nothing to authorize now, collected by staff at handover. */
export function payAtHandover(id: "cash" | "debit"): PaymentMethod {
  return {
    id,
    label: id === "cash" ? "Cash at pickup or delivery" : "Debit card at pickup or delivery",
    authorize: async () => ({ status: "due_at_handover" }),
  };
}

export const DEFAULT_PAYMENT_METHODS: readonly PaymentMethod[] = [
  payAtHandover("cash"),
  payAtHandover("debit"),
];

export function findPaymentMethod(methods: readonly PaymentMethod[], id: string): PaymentMethod {
  const method = methods.find((m) => m.id === id);
  if (!method) {
    throw new DomainError(
      "BAD_REQUEST",
      `This store does not take ${id} payments. Choose ${methods.map((m) => m.label.toLowerCase()).join(" or ")}.`,
    );
  }
  return method;
}
