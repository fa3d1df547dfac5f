export * from "./range";
export * from "./sales";
export * from "./breakdown";
export * from "./customers";
export * from "./item-sales";
