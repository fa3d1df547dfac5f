import type { PurchaserType, StrainType } from "@cannasaas/db/enums";

/*
 * How pages name the database's lists. Nothing here may import zod or the enums' values: the storefront's menu
 * and product pages import these in the browser, where the schemas would add their whole weight to every visit.
 */

/** How pages name each purchaser type (filters, promotion audiences, order details). */
export const PURCHASER_TYPE_LABELS: Record<PurchaserType, string> = {
  adult_use: "Adult-use",
  medical: "Medical",
};

/** How pages name each strain type. */
export const STRAIN_TYPE_LABELS: Record<StrainType, string> = {
  indica: "Indica",
  sativa: "Sativa",
  hybrid: "Hybrid",
  cbd: "CBD",
};
