export * from "./errors";
export * from "./deps";
export * from "./tenancy/hosts";
export * from "./tenancy/tenants";
export * from "./tenancy/staff";
export * from "./catalog/menu";
export * from "./outbox/email";
export * from "./ops/health";
export * from "./time";
export * from "./cart/zones";
export * from "./cart/cart";
export * from "./cart/view";
export * from "./checkout/eligibility";
export * from "./checkout/place-order";
export * from "./orders/transitions";
export * from "./orders/lifecycle";
export * from "./orders/queries";
export * from "./catalog/menu-query";
export * from "./catalog/facets";
export * from "./catalog/product";
export * from "./catalog/locations";
export * from "./catalog/opening-hours";
export * from "./compliance";
export * from "./customers";
export * from "./catalog/menu-cache";
export * from "./payments/methods";
export * from "./catalog/product-images";
export * from "./outbox/html";
export * from "./plans/features";
export * from "./crypto/secret-box";
export * from "./events/domain-events";
<<<<<<< HEAD
export * from "./deliveries";
=======
export * from "./crypto/pii";
export * from "./crypto/seal-legacy";
>>>>>>> main
