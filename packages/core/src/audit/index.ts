export * from "./canonical";
export * from "./record";
export * from "./verify";
export * from "./query";
export * from "./csv";
