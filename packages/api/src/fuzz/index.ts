export * from "./random";
export * from "./inputs";
export * from "./targets";
