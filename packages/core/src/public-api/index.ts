export * from "./scopes";
export * from "./keys";
export * from "./http";
export * from "./rate-limit";
export * from "./registry";
export * from "./handler";
export * from "./openapi";
