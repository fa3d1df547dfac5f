export * from "./scopes";
export * from "./keys";
export * from "./rate-limit";
export * from "./idempotency";
