export * from "./record-movement";
export * from "./operations";
export * from "./queries";
