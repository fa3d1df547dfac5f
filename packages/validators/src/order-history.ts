import { z } from "zod";
import { FULFILLMENTS, ORDER_STATUSES, PAYMENT_METHODS } from "@cannasaas/db/enums";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Use a date as YYYY-MM-DD." })
  .refine((v) => !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime()), { error: "That is not a real date." });

/**
 * The order history's filters, as the page's query string and the procedures take them. Dates are calendar days
 * in the store's time zone, both ends included. `q` finds an order number (with or without "#"), a customer's
 * name or email, or a product name or SKU on the order.
 */
export const orderHistoryFilterSchema = z
  .object({
    q: z.string().trim().max(100, { error: "Search for at most 100 characters." }).optional(),
    statuses: z
      .array(z.enum(ORDER_STATUSES, { error: "Unknown order status." }))
      .max(8)
      .optional(),
    locationId: z.uuid({ error: "Unknown location." }).optional(),
    from: day.optional(),
    to: day.optional(),
    /** Which moment the dates apply to: when the order was placed (default) or when it was completed. */
    dateBasis: z.enum(["placed", "completed"]).optional(),
    fulfillment: z.enum(FULFILLMENTS, { error: "Choose pickup or delivery." }).optional(),
    paymentMethod: z.enum(PAYMENT_METHODS, { error: "Unknown payment method." }).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    error: "The start date is after the end date.",
    path: ["from"],
  });
export type OrderHistoryFilter = z.infer<typeof orderHistoryFilterSchema>;

export const orderHistoryPageSchema = z.object({
  filter: orderHistoryFilterSchema.default({}),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** A note staff add when moving an order on (kept in its history). */
export const orderNoteSchema = z.string().trim().max(500, { error: "Keep the note under 500 characters." });
/** Why staff cancel an order: required by the dashboard's cancel dialog. */
export const orderCancelReasonSchema = orderNoteSchema.min(1, { error: "Give a reason for cancelling." });
