export * from "./provider";
export * from "./stripe";
export * from "./stripe-objects";
export * from "./webhooks";
export * from "./service";
