import { z } from "zod";
import {
  FULFILLMENTS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  PURCHASER_TYPES,
  STAFF_ROLES,
  STRAIN_TYPES,
  type Fulfillment,
  type OrderStatus,
  type PaymentMethod,
  type PurchaserType,
  type StaffRole,
  type StrainType,
} from "@cannasaas/db/enums";

/*
 * Input schemas for the lists the database defines as enums. The values come from the database enums, so a
 * status or kind added there is accepted everywhere at once.
 */

export { FULFILLMENTS, ORDER_STATUSES, PAYMENT_METHODS, PURCHASER_TYPES, STAFF_ROLES, STRAIN_TYPES };
export type { Fulfillment, OrderStatus, PaymentMethod, PurchaserType, StaffRole, StrainType };

export const orderStatusSchema = z.enum(ORDER_STATUSES, { error: "Unknown order status." });

/** Adult-use or medical: whose rules, limits and taxes apply to a purchase. Adult-use unless said otherwise. */
export const purchaserTypeSchema = z.enum(PURCHASER_TYPES, { error: "Choose adult-use or medical." });

/** Which price list a shopper browses; the same two kinds as purchasers. */
export const MENU_KINDS = PURCHASER_TYPES;
export type MenuKind = PurchaserType;
export const menuKindSchema = z.enum(MENU_KINDS, { error: "Choose the adult-use or the medical menu." });

export const fulfillmentSchema = z.enum(FULFILLMENTS, { error: "Choose pickup or delivery." });

export const staffRoleSchema = z.enum(STAFF_ROLES, { error: "Choose a role." });
