import type { LimitLine } from "../../src/compliance/limits";

const none = { cannabisWeightMg: null, thcMg: null, netWeightMg: null, netVolumeMl: null };

export const flower = (mg: number, quantity = 1): LimitLine => ({
  ...none,
  kind: "flower",
  quantity,
  cannabisWeightMg: mg,
});

export const concentrate = (mg: number, quantity = 1): LimitLine => ({
  ...none,
  kind: "concentrate",
  quantity,
  cannabisWeightMg: mg,
});

/** A solid edible: THC content and whole product weight (a 10 g gummy pack by default). */
export const edible = (thcMg: number, netWeightMg = 10_000, quantity = 1): LimitLine => ({
  ...none,
  kind: "edible_solid",
  quantity,
  thcMg,
  netWeightMg,
});

export const drink = (thcMg: number, netVolumeMl: number, quantity = 1): LimitLine => ({
  ...none,
  kind: "edible_liquid",
  quantity,
  thcMg,
  netVolumeMl,
});

export const topical = (quantity = 1): LimitLine => ({ ...none, kind: "topical", quantity, thcMg: 1_000 });

export const accessory = (quantity = 1): LimitLine => ({ ...none, kind: "non_cannabis", quantity });
