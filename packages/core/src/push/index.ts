export * from "./subscriptions";
export * from "./queue";
