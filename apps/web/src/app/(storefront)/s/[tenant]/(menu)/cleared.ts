import type { MenuParams } from "~/lib/menu-params";

/** Drops every narrowing filter but keeps the search, sort and price list. */
export const CLEARED: Partial<MenuParams> = {
  category: "",
  strain: [],
  thcMin: "",
  thcMax: "",
  effect: [],
  brand: [],
  priceMin: "",
  priceMax: "",
};
