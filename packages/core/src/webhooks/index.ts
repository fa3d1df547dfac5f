export * from "./signature";
export * from "./endpoints";
export * from "./drain";
export * from "./log";
