export * from "./flow";
export * from "./eta";
export * from "./service";
export * from "./queries";
