export * from "./units";
export * from "./product-input";
export * from "./products";
export * from "./taxonomy";
export * from "./csv-format";
export * from "./imports";
export * from "./export";
export * from "./images";
