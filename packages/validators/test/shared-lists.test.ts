import { describe, expect, it } from "vitest";
import {
  fulfillmentEnum,
  orderStatusEnum,
  purchaserTypeEnum,
  staffRoleEnum,
  strainTypeEnum,
} from "@cannasaas/db/schema";
import {
  firstIssue,
  FULFILLMENTS,
  MENU_KINDS,
  menuKindSchema,
  ORDER_STATUSES,
  orderStatusSchema,
  PURCHASER_TYPE_LABELS,
  PURCHASER_TYPES,
  purchaserTypeSchema,
  slugify,
  slugSchema,
  STAFF_ROLES,
  staffRoleSchema,
  STRAIN_TYPE_LABELS,
  usAddressSchema,
  usStateCodeSchema,
  zipCodeSchema,
} from "../src";

describe("lists come from the database enums", () => {
  it("accepts exactly the values the database accepts", () => {
    expect(ORDER_STATUSES).toEqual(orderStatusEnum.enumValues);
    expect(orderStatusSchema.options).toEqual(orderStatusEnum.enumValues);
    expect(PURCHASER_TYPES).toEqual(purchaserTypeEnum.enumValues);
    expect(purchaserTypeSchema.options).toEqual(purchaserTypeEnum.enumValues);
    expect(MENU_KINDS).toEqual(purchaserTypeEnum.enumValues);
    expect(FULFILLMENTS).toEqual(fulfillmentEnum.enumValues);
    expect(STAFF_ROLES).toEqual(staffRoleEnum.enumValues);
  });

  it("names every value of the purchaser and strain lists once, for pages to show", () => {
    expect(Object.keys(PURCHASER_TYPE_LABELS)).toEqual(purchaserTypeEnum.enumValues);
    expect(Object.keys(STRAIN_TYPE_LABELS)).toEqual(strainTypeEnum.enumValues);
  });

  it("refuses what is not in the list, saying what to choose", () => {
    expect(orderStatusSchema.safeParse("shipped").success).toBe(false);
    const purchaser = purchaserTypeSchema.safeParse("recreational");
    expect(firstIssue(purchaser.error!)).toBe("Choose adult-use or medical.");
    const menu = menuKindSchema.safeParse("vip");
    expect(firstIssue(menu.error!)).toBe("Choose the adult-use or the medical menu.");
    expect(firstIssue(staffRoleSchema.safeParse("superuser").error!)).toBe("Choose a role.");
  });

  it("keeps the lifecycle order for pages that list statuses", () => {
    expect(ORDER_STATUSES[0]).toBe("pending");
    expect(ORDER_STATUSES.indexOf("ready")).toBeLessThan(ORDER_STATUSES.indexOf("completed"));
  });
});

describe("zipCodeSchema", () => {
  it.each(["80202", " 80202 ", "80202-1234"])("accepts %j", (zip) => {
    expect(zipCodeSchema.parse(zip)).toBe(zip.trim());
  });
  it.each(["8020", "802021", "80202-12", "ABCDE", "80202 1234", ""])("refuses %j", (zip) => {
    const result = zipCodeSchema.safeParse(zip);
    expect(result.success).toBe(false);
    expect(firstIssue(result.error!)).toBe("Enter a 5-digit ZIP code.");
  });
});

describe("usStateCodeSchema", () => {
  it("trims and upper-cases a two-letter code", () => {
    expect(usStateCodeSchema.parse(" co ")).toBe("CO");
  });
  it.each(["Colorado", "C", "C0"])("refuses %j", (state) => {
    expect(firstIssue(usStateCodeSchema.safeParse(state).error!)).toBe(
      "Use the two-letter state code, like CO.",
    );
  });
});

describe("usAddressSchema", () => {
  const address = { line1: " 1 Main St ", city: "Denver", state: "co", postalCode: "80202" };

  it("normalises an address and turns an empty second line into null", () => {
    expect(usAddressSchema.parse({ ...address, line2: "" })).toEqual({
      line1: "1 Main St",
      line2: null,
      city: "Denver",
      state: "CO",
      postalCode: "80202",
    });
    expect(usAddressSchema.parse(address).line2).toBeNull();
  });

  it("names the field that is missing or wrong", () => {
    const result = usAddressSchema.safeParse({ ...address, line1: "  ", postalCode: "123" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(byField).toEqual({ line1: "Enter the street address.", postalCode: "Enter a 5-digit ZIP code." });
  });

  it("refuses over-long lines", () => {
    expect(usAddressSchema.safeParse({ ...address, line1: "x".repeat(201) }).success).toBe(false);
    expect(usAddressSchema.safeParse({ ...address, city: "x".repeat(101) }).success).toBe(false);
  });
});

describe("slugify", () => {
  it.each([
    ["Blue Dream", "blue-dream"],
    ["  Café Olé!  ", "cafe-ole"],
    ["Salt & Pepper", "salt-and-pepper"],
    ["OG---Kush 3.5g", "og-kush-3-5g"],
  ])("turns %j into %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("cuts at the length without leaving a trailing hyphen", () => {
    expect(slugify("a".repeat(79) + " b", { maxLength: 80 })).toBe("a".repeat(79));
    expect(slugify("Downtown Denver Store", { maxLength: 8 })).toBe("downtown");
    expect(slugify("x".repeat(100)).length).toBe(80);
  });

  it("uses the fallback when nothing is left", () => {
    expect(slugify("!!!")).toBe("");
    expect(slugify("!!!", { fallback: "item" })).toBe("item");
  });

  it("makes slugs the slug schema accepts", () => {
    expect(slugSchema.parse(slugify("Green Leaf Dispensary & Co.", { maxLength: 63 }))).toBe(
      "green-leaf-dispensary-and-co",
    );
  });
});

describe("slugSchema", () => {
  it("lower-cases and trims a web address", () => {
    expect(slugSchema.parse(" GreenLeaf ")).toBe("greenleaf");
  });
  it.each(["ab", "-leaf", "leaf-", "green_leaf", "x".repeat(64)])("refuses %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });
});
