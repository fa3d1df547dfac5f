import { z } from "zod";

/**
 * The one set of bounds for what a product costs, weighs and how much stock moves at once. The dashboard's
 * product form, the CSV import, the catalog procedures and the public API all check these, so a value one of
 * them accepts is never refused (or worse, overflowed) by another.
 */
export const CATALOG_BOUNDS = {
  /** $10,000.00 per unit: far above any retail cannabis item, far below what an integer column can hold. */
  maxPriceCents: 1_000_000,
  /** 1 kg of cannabis per variant: above every state's bulk medical supply, still a safe integer in mg. */
  maxWeightMg: 1_000_000,
  /** Units one stock movement may receive, sell, adjust or transfer. */
  maxStockUnits: 100_000,
} as const;

const dollars = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;
const grams = (mg: number) => `${(mg / 1000).toLocaleString("en-US")} g`;

export const priceCentsSchema = z
  .number({ error: "Enter a price." })
  .int({ error: "A price is a whole number of cents." })
  .min(0, { error: "A price cannot be negative." })
  .max(CATALOG_BOUNDS.maxPriceCents, {
    error: `A price can be at most ${dollars(CATALOG_BOUNDS.maxPriceCents)}.`,
  });

export const weightMgSchema = z
  .number({ error: "Enter a weight in mg." })
  .int({ error: "Weight must be a whole number of mg." })
  .positive({ error: "Weight must be a positive number of mg." })
  .max(CATALOG_BOUNDS.maxWeightMg, {
    error: `A variant can weigh at most ${grams(CATALOG_BOUNDS.maxWeightMg)}.`,
  });

export const stockUnitsSchema = z
  .number({ error: "Enter a number of units." })
  .int({ error: "Enter a whole number of units." })
  .min(1, { error: "Enter at least 1 unit." })
  .max(CATALOG_BOUNDS.maxStockUnits, {
    error: `One movement can record at most ${CATALOG_BOUNDS.maxStockUnits.toLocaleString("en-US")} units.`,
  });

export const stockDeltaSchema = z
  .number({ error: "Enter the change in units." })
  .int({ error: "Enter a whole number of units." })
  .min(-CATALOG_BOUNDS.maxStockUnits, {
    error: `One movement can record at most ${CATALOG_BOUNDS.maxStockUnits.toLocaleString("en-US")} units.`,
  })
  .max(CATALOG_BOUNDS.maxStockUnits, {
    error: `One movement can record at most ${CATALOG_BOUNDS.maxStockUnits.toLocaleString("en-US")} units.`,
  })
  .refine((n) => n !== 0, { error: "Enter a change other than zero." });
