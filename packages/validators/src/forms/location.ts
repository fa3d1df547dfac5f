import { z } from "zod";
import { locationSchema } from "../onboarding";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

const time = locationSchema.shape.hours.shape.mon.unwrap().shape.open;

/**
 * Adding a location in the setup wizard: one opening time and one closing time for the week, a "closed" box
 * per day, and pickup and delivery boxes. `toLocationInput` turns it into `locationSchema`'s input.
 */
export const locationFormSchema = locationSchema
  .pick({ name: true, addressLine1: true, city: true, postalCode: true })
  .extend({
    phone: z.string().trim().max(30),
    open: time,
    close: time,
    closed: z.object(
      Object.fromEntries(WEEKDAYS.map((day) => [day, z.boolean()])) as Record<
        (typeof WEEKDAYS)[number],
        z.ZodBoolean
      >,
    ),
    pickup: z.boolean(),
    delivery: z.boolean(),
  });

export type LocationFormValues = z.input<typeof locationFormSchema>;

export function toLocationInput(values: LocationFormValues): z.input<typeof locationSchema> {
  const { open, close, closed, pickup, delivery, ...rest } = values;
  const hours = Object.fromEntries(
    WEEKDAYS.map((day) => [day, closed[day] ? null : { open, close }]),
  ) as z.input<typeof locationSchema>["hours"];
  return { ...rest, hours, pickupEnabled: pickup, deliveryEnabled: delivery };
}
