export * from "./messages";
export * from "./notifier";
