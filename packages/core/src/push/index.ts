export * from "./subscriptions";
export * from "./queue";
export * from "./deliver";
export * from "./marketing-consent";
