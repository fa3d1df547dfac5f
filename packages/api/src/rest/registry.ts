import type { Endpoint } from "./http";
import { analyticsSummary } from "./endpoints/analytics";
import { listCustomers } from "./endpoints/customers";
import { getCustomerLoyalty } from "./endpoints/loyalty";
import { createInventoryAdjustment, listInventory } from "./endpoints/inventory";
import { createOrder, getOrder, listOrders } from "./endpoints/orders";
import { getProduct, listProducts } from "./endpoints/products";
import { createProductCopyDraft, listProductCopyDraftsEndpoint } from "./endpoints/product-copy";
import { listPromotions } from "./endpoints/promotions";

/** Every endpoint of /api/v1. The dispatcher, the OpenAPI document and the tests all read this list. */
export const API_ENDPOINTS: readonly Endpoint[] = [
  listProducts,
  getProduct,
  createProductCopyDraft,
  listProductCopyDraftsEndpoint,
  listOrders,
  createOrder,
  getOrder,
  listInventory,
  createInventoryAdjustment,
  listCustomers,
  getCustomerLoyalty,
  analyticsSummary,
  listPromotions,
];
