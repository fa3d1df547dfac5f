export * from "./errors";
export * from "./deps";
export * from "./tenancy/hosts";
export * from "./tenancy/tenants";
export * from "./tenancy/staff";
export * from "./catalog/menu";
export * from "./outbox/email";
export * from "./ops/health";
