export * from "./guards";
export * from "./usage";
export * from "./assistant";
export * from "./copy";
export * from "./insights";
