import { expect, test } from "vitest";
import { z } from "zod";
import { convertedSchema } from "../src/form-schema";

const input = z.object({
  name: z.string().trim().min(1, { error: "Name it." }),
  priceCents: z.int({ error: "Enter the price." }).min(1, { error: "The price must be more than $0." }),
  tags: z.array(z.string().max(3, { error: "A tag is at most 3 letters." })),
});
const fields = z.object({ name: z.string(), price: z.string(), tags: z.string() });
const toInput = (v: z.output<typeof fields>) => ({
  name: v.name,
  priceCents: v.price.trim() ? Math.round(Number(v.price) * 100) : NaN,
  tags: v.tags.split(",").filter(Boolean),
});
const schema = convertedSchema(fields, toInput, input, (path) =>
  path[0] === "priceCents" ? "price" : typeof path[0] === "string" ? path[0] : null,
);
const errorsOf = (v: z.input<typeof fields>) => {
  const result = schema.safeParse(v);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

test("typed values that convert to valid input pass", () => {
  expect(errorsOf({ name: "Gummies", price: "12.50", tags: "a,b" })).toEqual({});
});

test("the input schema's refusals go under the fields that were typed, one per field", () => {
  expect(errorsOf({ name: " ", price: "abc", tags: "long,longer" })).toEqual({
    name: "Name it.",
    price: "Enter the price.",
    tags: "A tag is at most 3 letters.",
  });
  expect(errorsOf({ name: "x", price: "0", tags: "" })).toEqual({ price: "The price must be more than $0." });
});

test("a refusal with no field in the form goes to the form's root", () => {
  const bare = convertedSchema(fields, toInput, input, () => null);
  expect(errorsOf({ name: "x", price: "1", tags: "" })).toEqual({});
  const result = bare.safeParse({ name: "", price: "1", tags: "" });
  expect(result.success ? [] : result.error.issues.map((i) => i.path)).toEqual([["root"]]);
});

test("a field inside a list is named by its dotted path", () => {
  const rows = z.object({ rows: z.array(z.object({ price: z.string() })) });
  const rowsInput = z.object({ rows: z.array(z.object({ cents: z.int({ error: "Enter the price." }) })) });
  const schema = convertedSchema(
    rows,
    (v) => ({ rows: v.rows.map((r) => ({ cents: r.price ? Number(r.price) * 100 : NaN })) }),
    rowsInput,
    (path) => `rows.${String(path[1])}.price`,
  );
  const result = schema.safeParse({ rows: [{ price: "1" }, { price: "" }] });
  expect(result.success ? [] : result.error.issues.map((i) => i.path)).toEqual([["rows", 1, "price"]]);
});
