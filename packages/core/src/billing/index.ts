export * from "./provider";
export * from "./webhooks";
export * from "./service";
