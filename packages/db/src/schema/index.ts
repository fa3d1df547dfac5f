export * from "./auth";
export * from "./tenancy";
export * from "./catalog";
export * from "./outbox";
export * from "./orders";
export * from "./inventory";
export * from "./integrations";
