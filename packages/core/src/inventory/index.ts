export * from "./record-movement";
export * from "./operations";
export * from "./queries";
export * from "./lots";
export * from "./api-levels";
