import { describe, expect, it } from "vitest";
import { strainTypeEnum } from "@cannasaas/db/schema";
import { checkoutSchema, inPersonPaymentMethodSchema, productInput, shopperAddressSchema } from "../src";

describe("schemas the server and the forms share", () => {
  it("checkout takes cash or debit only, adult-use unless told, and trims notes", () => {
    expect(inPersonPaymentMethodSchema.options).toEqual(["cash", "debit"]);
    expect(checkoutSchema.parse({ paymentMethod: "cash", notes: "  gate code 12 " })).toEqual({
      purchaser: "adult_use",
      paymentMethod: "cash",
      notes: "gate code 12",
    });
    expect(checkoutSchema.safeParse({ paymentMethod: "online" }).error?.issues[0]?.message).toBe(
      "Choose cash or debit at pickup or delivery.",
    );
  });

  it("a saved address is a US address with an optional label", () => {
    expect(
      shopperAddressSchema.parse({
        label: " ",
        line1: "1 Main St",
        line2: "",
        city: "Denver",
        state: "co",
        postalCode: "80202",
      }),
    ).toEqual({
      label: null,
      line1: "1 Main St",
      line2: null,
      city: "Denver",
      state: "CO",
      postalCode: "80202",
    });
  });

  it("a product's strain type is one the database accepts", () => {
    expect(productInput.shape.strainType.unwrap().options).toEqual(strainTypeEnum.enumValues);
  });
});
