export * from "./us";
export * from "./steps";
export * from "./contrast";
export * from "./signup";
export * from "./wizard";
export * from "./medical-endorsement";
