import { z } from "zod";
import { PAYMENT_METHODS } from "@cannasaas/db/enums";
import { purchaserTypeSchema } from "./lists";

/** How a storefront order can be paid: at pickup or at the door, never online (card networks refuse cannabis). */
export const inPersonPaymentMethodSchema = z
  .enum(PAYMENT_METHODS)
  .exclude(["online"], { error: "Choose cash or debit at pickup or delivery." });
export type InPersonPaymentMethod = z.output<typeof inPersonPaymentMethodSchema>;

const cents = z.number().int().min(0).max(100_000_000);

/**
 * What the review showed the shopper, sent back with the order so the server can refuse (saying what changed)
 * an order that would cost anything else. Never used as a price: the server computes its own.
 */
export const shownQuoteSchema = z.object({
  totalCents: cents,
  discountCents: cents,
  deliveryFeeCents: cents,
  taxCents: cents,
  lines: z
    .array(
      z.object({ variantId: z.uuid(), quantity: z.number().int().min(1).max(999), unitPriceCents: cents }),
    )
    .max(100),
});
export type ShownQuoteInput = z.input<typeof shownQuoteSchema>;

/** What placing an order sends: only choices; the server prices, taxes and checks the cart itself. */
export const checkoutSchema = z.object({
  purchaser: purchaserTypeSchema.default("adult_use"),
  paymentMethod: inPersonPaymentMethodSchema,
  notes: z.string().trim().max(500, { error: "Keep notes under 500 characters." }).optional(),
  /** A pickup time or delivery window the location offers; empty means as soon as possible. */
  slotStartsAt: z.iso.datetime({ offset: true, error: "Choose a time from the list." }).optional(),
  shown: shownQuoteSchema.optional(),
});
export type CheckoutInput = z.input<typeof checkoutSchema>;
