export * from "./markdown";
export * from "./policy";
export * from "./suggestions";
export * from "./decide";
