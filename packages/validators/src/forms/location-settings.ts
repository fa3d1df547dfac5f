import { z } from "zod";
import type { ClosedDay, DeliveryZone, LocationTaxRates, OpeningHours } from "@cannasaas/db/schema";
import type { locationSettingsSchema } from "../location-settings";
import { locationSchema } from "../onboarding";
import { WEEKDAYS } from "./location";

const time = locationSchema.shape.hours.shape.mon.unwrap().shape.open;
const dollars = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,2})?$/, { error: "Enter an amount like 5 or 4.99." });
const percent = z
  .string()
  .trim()
  .regex(/^(\d{1,2}(\.\d{1,3})?)?$/, { error: "Enter a rate like 8.625, or leave it empty." });
const minutes = z
  .string()
  .trim()
  .regex(/^\d{1,4}$/, { error: "Enter whole minutes." });

/**
 * The dashboard's location settings form: dollars, percentages, miles and ZIP lists as typed, turned into
 * `locationSettingsSchema`'s cents, basis points, metres and arrays by `toLocationSettingsInput`.
 */
export const locationSettingsFormSchema = locationSchema
  .pick({ name: true, addressLine1: true, city: true, postalCode: true })
  .extend({
    phone: z.string().trim().max(30),
    days: z.object(
      Object.fromEntries(
        WEEKDAYS.map((day) => [day, z.object({ closed: z.boolean(), open: time, close: time })]),
      ) as Record<
        (typeof WEEKDAYS)[number],
        z.ZodObject<{ closed: z.ZodBoolean; open: typeof time; close: typeof time }>
      >,
    ),
    pickup: z.boolean(),
    delivery: z.boolean(),
    pickupLeadMinutes: minutes,
    deliveryLeadMinutes: minutes,
    salesPercent: percent,
    localCannabisPercent: percent,
    holidays: z
      .array(
        z.object({
          date: z.iso.date({ error: "Choose the day." }),
          name: z.string().trim().min(1, { error: "Say why, e.g. Thanksgiving." }).max(60),
        }),
      )
      .max(60, { error: "A location lists at most 60 closed days." })
      .superRefine((days, ctx) => {
        days.forEach((day, index) => {
          if (days.findIndex((d) => d.date === day.date) < index)
            ctx.addIssue({ code: "custom", path: [index, "date"], message: "This day is already listed." });
        });
      }),
    zones: z.array(
      z.object({
        id: z.string(),
        kind: z.enum(["radius", "postal_codes"]),
        name: z.string().trim().min(1, { error: "Name the zone." }).max(60),
        radiusMiles: z.string().trim(),
        postalCodes: z.string(),
        fee: dollars,
        minimum: dollars,
      }),
    ),
  });
export type LocationSettingsFormValues = z.input<typeof locationSettingsFormSchema>;

/** "12.5" dollars as 1250 cents, from the digits (no floating point). */
const toCents = (value: string) => {
  const [whole, fraction = ""] = value.trim().split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
};
const toBps = (value: string) => (value.trim() === "" ? null : Math.round(Number(value) * 100));
const METRES_PER_MILE = 1609.344;

export function toLocationSettingsInput(
  values: LocationSettingsFormValues,
): z.input<typeof locationSettingsSchema> {
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const d = values.days[day];
      return [day, d.closed ? null : { open: d.open, close: d.close }];
    }),
  ) as OpeningHours;
  return {
    name: values.name,
    addressLine1: values.addressLine1,
    city: values.city,
    postalCode: values.postalCode,
    phone: values.phone,
    hours,
    pickupEnabled: values.pickup,
    deliveryEnabled: values.delivery,
    pickupLeadMinutes: Number(values.pickupLeadMinutes),
    deliveryLeadMinutes: Number(values.deliveryLeadMinutes),
    taxRates: { salesBps: toBps(values.salesPercent), localCannabisBps: toBps(values.localCannabisPercent) },
    closedDays: values.holidays.map((h) => ({ date: h.date, name: h.name })),
    deliveryZones: values.zones.map((z) => {
      const common = {
        ...(z.id ? { id: z.id } : {}),
        name: z.name,
        feeCents: toCents(z.fee),
        minimumOrderCents: toCents(z.minimum),
      };
      return z.kind === "radius"
        ? {
            ...common,
            kind: "radius" as const,
            radiusMeters: Math.round(Number(z.radiusMiles) * METRES_PER_MILE),
          }
        : {
            ...common,
            kind: "postal_codes" as const,
            postalCodes: z.postalCodes
              .split(/[\s,]+/)
              .map((c) => c.trim())
              .filter(Boolean),
          };
    }),
  };
}

const centsText = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2));
const bpsText = (bps: number | null | undefined) => (bps == null ? "" : String(bps / 100));

/** A saved location as the form's starting values. */
export function locationSettingsFormValues(location: {
  name: string;
  addressLine1: string;
  city: string;
  postalCode: string;
  phone: string | null;
  hours: OpeningHours;
  pickupEnabled: boolean;
  deliveryEnabled: boolean;
  pickupLeadMinutes: number;
  deliveryLeadMinutes: number;
  deliveryZones: DeliveryZone[];
  taxRates: LocationTaxRates | null;
  closedDays: ClosedDay[];
}): LocationSettingsFormValues {
  const days = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const h = location.hours[day];
      return [day, { closed: h === null, open: h?.open ?? "09:00", close: h?.close ?? "21:00" }];
    }),
  ) as LocationSettingsFormValues["days"];
  return {
    name: location.name,
    addressLine1: location.addressLine1,
    city: location.city,
    postalCode: location.postalCode,
    phone: location.phone ?? "",
    days,
    pickup: location.pickupEnabled,
    delivery: location.deliveryEnabled,
    pickupLeadMinutes: String(location.pickupLeadMinutes),
    deliveryLeadMinutes: String(location.deliveryLeadMinutes),
    salesPercent: bpsText(location.taxRates?.salesBps),
    localCannabisPercent: bpsText(location.taxRates?.localCannabisBps),
    holidays: [...location.closedDays]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((c) => ({ date: c.date, name: c.name })),
    zones: location.deliveryZones.map((z) => ({
      id: z.id,
      kind: z.kind,
      name: z.name,
      radiusMiles:
        z.kind === "radius" ? String(Math.round((z.radiusMeters / METRES_PER_MILE) * 10) / 10) : "",
      postalCodes: z.kind === "postal_codes" ? z.postalCodes.join(", ") : "",
      fee: centsText(z.feeCents),
      minimum: centsText(z.minimumOrderCents),
    })),
  };
}
