import { pgEnum } from "drizzle-orm/pg-core";

/*
 * Database enums that other layers list too (input schemas, pages, the public API). Each list is written once,
 * here; everything else uses `<enum>.enumValues` or the constants and types below. This file imports nothing
 * but `pgEnum`, so browser code can use it (`@cannasaas/db/enums`) without pulling in the tables.
 */

export const fulfillmentEnum = pgEnum("fulfillment", ["pickup", "delivery"]);
export const orderStatusEnum = pgEnum("order_status", [
  "pending",
  "confirmed",
  "preparing",
  "ready",
  "out_for_delivery",
  "completed",
  "cancelled",
  "refunded",
]);
/** Which menu and rules apply: adult-use (recreational) or medical (a registered patient). */
export const purchaserTypeEnum = pgEnum("purchaser_type", ["adult_use", "medical"]);
export const paymentMethodEnum = pgEnum("payment_method", ["cash", "debit", "online"]);
export const staffRoleEnum = pgEnum("staff_role", [
  "owner",
  "admin",
  "manager",
  "budtender",
  "driver",
  "viewer",
]);
/** A product's strain family, when it has one. */
export const strainTypeEnum = pgEnum("strain_type", ["indica", "sativa", "hybrid", "cbd"]);
/** Draft products are hidden, active ones on the menu, archived ones kept for order history. */
export const productStatusEnum = pgEnum("product_status", ["draft", "active", "archived"]);
/**
 * How state purchase limits count a category's products: by cannabis weight (flower, concentrate), by product
 * weight or volume (solid and liquid edibles), or not at all (topicals, non-cannabis accessories).
 */
export const limitKindEnum = pgEnum("limit_kind", [
  "flower",
  "concentrate",
  "edible_solid",
  "edible_liquid",
  "topical",
  "non_cannabis",
]);
/** The unit a METRC package is tracked in: counted packages in "Each", bulk ones by weight. */
export const metrcUnitEnum = pgEnum("metrc_unit", ["Each", "Grams", "Milligrams", "Ounces"]);

/** What a shopper uploads for staff to check before the first pickup. */
export const identityDocumentKindEnum = pgEnum("identity_document_kind", ["government_id", "medical_card"]);
export const IDENTITY_DOCUMENT_KINDS = identityDocumentKindEnum.enumValues;
export type IdentityDocumentKind = (typeof IDENTITY_DOCUMENT_KINDS)[number];

/** How a marketing message reaches the shopper. */
export const marketingChannelEnum = pgEnum("marketing_channel", ["email", "sms", "push"]);
export const MARKETING_CHANNELS = marketingChannelEnum.enumValues;
export type MarketingChannel = (typeof MARKETING_CHANNELS)[number];

/** What picks the winner of a campaign's A/B test: opens or clicks per email sent, or attributed orders per message. */
export const marketingAbMetricEnum = pgEnum("marketing_ab_metric", [
  "open_rate",
  "click_rate",
  "orders_per_message",
]);
export const MARKETING_AB_METRICS = marketingAbMetricEnum.enumValues;
export type MarketingAbMetric = (typeof MARKETING_AB_METRICS)[number];

export const FULFILLMENTS = fulfillmentEnum.enumValues;
export type Fulfillment = (typeof FULFILLMENTS)[number];

/** Every order status, in the order an order moves through them. */
export const ORDER_STATUSES = orderStatusEnum.enumValues;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const PURCHASER_TYPES = purchaserTypeEnum.enumValues;
export type PurchaserType = (typeof PURCHASER_TYPES)[number];

export const PAYMENT_METHODS = paymentMethodEnum.enumValues;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const STAFF_ROLES = staffRoleEnum.enumValues;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STRAIN_TYPES = strainTypeEnum.enumValues;
export type StrainType = (typeof STRAIN_TYPES)[number];

export const PRODUCT_STATUSES = productStatusEnum.enumValues;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** What a promotion gives (the rule's parameters depend on it). */
export const promotionKindEnum = pgEnum("promotion_kind", [
  "percent_off",
  "amount_off",
  "fixed_price",
  "buy_x_get_y",
  "bundle",
  "spend_threshold",
  "free_delivery",
]);
/**
 * exclusive: applies alone and wins over every other deal; stackable: combines with other stackable deals;
 * best_for_customer: applies alone, but only when it saves the shopper more than the stackable deals together.
 */
export const promotionStackingEnum = pgEnum("promotion_stacking", [
  "exclusive",
  "stackable",
  "best_for_customer",
]);
/** Paused promotions can be resumed; ended ones are kept for the redemption history only. */
export const promotionStatusEnum = pgEnum("promotion_status", ["active", "paused", "ended"]);

export const PROMOTION_KINDS = promotionKindEnum.enumValues;
export type PromotionKind = (typeof PROMOTION_KINDS)[number];
export const PROMOTION_STACKING = promotionStackingEnum.enumValues;
export type PromotionStacking = (typeof PROMOTION_STACKING)[number];
export const PROMOTION_STATUSES = promotionStatusEnum.enumValues;
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number];
export const LIMIT_KINDS = limitKindEnum.enumValues;
export type LimitKind = (typeof LIMIT_KINDS)[number];

export const METRC_UNITS = metrcUnitEnum.enumValues;
export type MetrcUnit = (typeof METRC_UNITS)[number];
