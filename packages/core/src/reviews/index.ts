export * from "./medical-claims";
export * from "./submit";
export * from "./moderate";
export * from "./public";
