import { describe, expect, test } from "vitest";
import { locationSchema } from "../src";
import {
  locationFormSchema,
  newPasswordFormSchema,
  stockMovementFormSchema,
  toLocationInput,
} from "../src/forms";

describe("newPasswordFormSchema", () => {
  test("the repeated password must match, and the mismatch is reported on the repeat field", () => {
    const result = newPasswordFormSchema.safeParse({
      password: "a-long-password",
      confirm: "a-long-passwork",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toMatchObject([
      { path: ["confirm"], message: "The two passwords do not match." },
    ]);
    expect(
      newPasswordFormSchema.safeParse({ password: "a-long-password", confirm: "a-long-password" }).success,
    ).toBe(true);
  });
});

describe("locationFormSchema", () => {
  const values = {
    name: "Downtown",
    addressLine1: "100 Main St",
    city: "Oakland",
    postalCode: "94607",
    phone: "",
    open: "09:00",
    close: "21:00",
    closed: { mon: false, tue: false, wed: false, thu: false, fri: false, sat: false, sun: true },
    pickup: true,
    delivery: false,
  };

  test("uses the server's messages for the fields it shares with locationSchema", () => {
    const result = locationFormSchema.safeParse({ ...values, postalCode: "946" });
    expect(result.error?.issues).toMatchObject([
      { path: ["postalCode"], message: "Enter a 5-digit ZIP code." },
    ]);
  });

  test("becomes the server's input: the week's hours with closed days as null", () => {
    const input = toLocationInput(values);
    expect(input.hours).toMatchObject({ mon: { open: "09:00", close: "21:00" }, sun: null });
    expect(input).toMatchObject({ pickupEnabled: true, deliveryEnabled: false, postalCode: "94607" });
    expect(locationSchema.safeParse(input).success).toBe(true);
  });
});

describe("stockMovementFormSchema", () => {
  test("receiving into a lot needs its package label; without a lot the label is ignored", () => {
    const receive = {
      kind: "receive",
      quantity: 7,
      reason: "",
      withLot: true,
      packageLabel: " ",
      expiresOn: "",
    };
    const result = stockMovementFormSchema.safeParse(receive);
    expect(result.error?.issues).toMatchObject([
      { path: ["packageLabel"], message: "Enter the package label." },
    ]);
    expect(stockMovementFormSchema.safeParse({ ...receive, withLot: false }).success).toBe(true);
  });

  test("each kind checks only its own fields, with the procedures' messages", () => {
    const damage = stockMovementFormSchema.safeParse({
      kind: "damage",
      quantity: Number.NaN,
      reason: "",
      lotId: "",
    });
    expect(damage.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["quantity", "Enter a number of units."],
      ["reason", "Give a reason."],
    ]);
    expect(stockMovementFormSchema.safeParse({ kind: "threshold", threshold: 0 }).success).toBe(true);
  });
});
