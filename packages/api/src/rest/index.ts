export * from "./http";
export * from "./rate-limit";
export * from "./registry";
export * from "./handler";
export * from "./openapi";
export * from "./cron";
export * from "./metrics";
