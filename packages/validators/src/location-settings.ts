import { z } from "zod";
import { zipCodeSchema } from "./address";
import { locationSchema } from "./onboarding";

const cents = (label: string) =>
  z
    .int({ error: `Enter the ${label} in dollars and cents.` })
    .min(0, { error: `The ${label} cannot be negative.` })
    .max(100_000, { error: `The ${label} can be at most $1,000.` });

const zoneName = z
  .string({ error: "Name the zone." })
  .trim()
  .min(1, { error: "Name the zone." })
  .max(60, { error: "Keep the zone's name under 60 characters." });

/** A zone's id: kept across saves (orders may name it); a zone without one is new and gets one. */
const zoneId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "Unknown zone." })
  .optional();

/** A delivery zone as the dashboard saves it. */
export const deliveryZoneInputSchema = z.discriminatedUnion("kind", [
  z.object({
    id: zoneId,
    kind: z.literal("radius"),
    name: zoneName,
    radiusMeters: z
      .int({ error: "Enter the radius." })
      .min(100, { error: "A radius zone reaches at least 100 m." })
      .max(160_000, { error: "A radius zone reaches at most 100 miles." }),
    feeCents: cents("delivery fee"),
    minimumOrderCents: cents("minimum order"),
  }),
  z.object({
    id: zoneId,
    kind: z.literal("postal_codes"),
    name: zoneName,
    postalCodes: z
      .array(zipCodeSchema)
      .min(1, { error: "List at least one ZIP code." })
      .max(500, { error: "A zone lists at most 500 ZIP codes." }),
    feeCents: cents("delivery fee"),
    minimumOrderCents: cents("minimum order"),
  }),
]);
export type DeliveryZoneInput = z.output<typeof deliveryZoneInputSchema>;

const minutes = (label: string) =>
  z
    .int({ error: `Enter the ${label} in minutes.` })
    .min(0, { error: `The ${label} cannot be negative.` })
    .max(1440, { error: `The ${label} can be at most a day (1,440 minutes).` });

/** Local rates in basis points of percent (8.625% = 863); null keeps the state's default. */
const rateBps = z
  .int({ error: "Enter the rate as a percentage." })
  .min(0, { error: "A rate cannot be negative." })
  .max(2500, { error: "A rate can be at most 25%." })
  .nullable();

/** A whole day closed (a holiday), on the store's calendar. */
export const closedDaySchema = z.object({
  date: z.iso.date({ error: "Enter the date as YYYY-MM-DD." }),
  name: z
    .string({ error: "Say why the store is closed, e.g. Thanksgiving." })
    .trim()
    .min(1, { error: "Say why the store is closed, e.g. Thanksgiving." })
    .max(60, { error: "Keep the reason under 60 characters." }),
});

/**
 * Everything the dashboard's location settings change after onboarding: address (coordinates follow it),
 * weekly hours, pickup and delivery, lead times, delivery zones and the local tax rates laid over the state's.
 */
export const locationSettingsSchema = locationSchema
  .extend({
    pickupLeadMinutes: minutes("pickup lead time"),
    deliveryLeadMinutes: minutes("delivery lead time"),
    deliveryZones: z.array(deliveryZoneInputSchema).max(20, { error: "A location has at most 20 zones." }),
    taxRates: z.object({ salesBps: rateBps, localCannabisBps: rateBps }),
    /** Omitted by older clients: the saved closures stay. */
    closedDays: z
      .array(closedDaySchema)
      .max(60, { error: "A location lists at most 60 closed days." })
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.pickupEnabled && !value.deliveryEnabled) {
      ctx.addIssue({
        code: "custom",
        path: ["pickupEnabled"],
        message: "Offer pickup, delivery or both at this location.",
      });
    }
    const seen = new Set<string>();
    value.closedDays?.forEach((closure, index) => {
      if (seen.has(closure.date)) {
        ctx.addIssue({
          code: "custom",
          path: ["closedDays", index, "date"],
          message: "This day is already listed.",
        });
      }
      seen.add(closure.date);
    });
    if (value.deliveryEnabled && value.deliveryZones.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["deliveryZones"],
        message: "Add a delivery zone, or turn delivery off.",
      });
    }
  });
export type LocationSettingsInput = z.output<typeof locationSettingsSchema>;
