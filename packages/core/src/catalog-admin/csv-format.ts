import { parse } from "csv-parse/sync";
import { z } from "zod";
import { strainTypeEnum } from "@cannasaas/db/schema";
import { unescapeCsvFormula } from "../csv/escape";
import { DomainError } from "../errors";
import { priceCentsSchema, skuSchema, uniqueTags, weightMgSchema } from "./product-input";
import { dollarsToCents, parsePositiveInteger, percentToBps } from "./units";

/**
 * The catalog CSV: one row per variant; rows with the same product name make one product, so the product
 * columns must agree between them. Export writes exactly these columns, so an export imports unchanged.
 */
export const CSV_COLUMNS = [
  "sku",
  "product_name",
  "variant_name",
  "category",
  "brand",
  "strain_type",
  "thc_percent",
  "cbd_percent",
  "thc_mg",
  "cbd_mg",
  "weight_mg",
  "price",
  "medical_price",
  "description",
  "effects",
  "terpenes",
  "lab_results_url",
  "status",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_CSV_COLUMNS: readonly CsvColumn[] = [
  "sku",
  "product_name",
  "variant_name",
  "category",
  "price",
];
/** Product-level columns: every row of one product must carry the same value. */
export const PRODUCT_CSV_COLUMNS: readonly CsvColumn[] = [
  "category",
  "brand",
  "strain_type",
  "thc_percent",
  "cbd_percent",
  "thc_mg",
  "cbd_mg",
  "description",
  "effects",
  "terpenes",
  "lab_results_url",
  "status",
];
export const MAX_IMPORT_ROWS = 10_000;
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const blankToNull = (v: string) => (v.trim() === "" ? null : v.trim());

function converted<T>(convert: (v: string) => T | null, message: string) {
  return z.string().transform((v, ctx) => {
    const text = blankToNull(v);
    if (text === null) return null;
    const value = convert(text);
    if (value === null) {
      ctx.addIssue({ code: "custom", message: `${message}; got "${text.slice(0, 40)}".` });
      return z.NEVER;
    }
    return value;
  });
}
const required = <T>(schema: z.ZodType<T | null, string>, message: string) =>
  schema.refine((v) => v !== null, { message }).transform((v) => v as T);

const tags = z.string().transform((v, ctx) => {
  const list = uniqueTags(
    v
      .split(";")
      .map((t) => t.trim())
      .filter(Boolean),
  );
  if (list.length > 20 || list.some((t) => t.length > 40)) {
    ctx.addIssue({ code: "custom", message: "At most 20 entries of up to 40 characters, separated by ;." });
    return z.NEVER;
  }
  return list;
});

const rowSchema = z.object({
  sku: z.string().trim().pipe(skuSchema),
  product_name: z
    .string()
    .trim()
    .min(1, { error: "Enter the product name." })
    .max(120, { error: "At most 120 characters." }),
  variant_name: z
    .string()
    .trim()
    .min(1, { error: "Name the variant, e.g. 3.5 g." })
    .max(60, { error: "At most 60 characters." }),
  category: z.string().trim().min(1, { error: "Enter a category." }),
  brand: z
    .string()
    .trim()
    .max(60, { error: "At most 60 characters." })
    .transform((v) => v || null),
  strain_type: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v || null)
    .pipe(z.enum(strainTypeEnum.enumValues, { error: "Use indica, sativa, hybrid or cbd." }).nullable()),
  thc_percent: converted(percentToBps, "THC must be a percent from 0 to 100, like 21.5"),
  cbd_percent: converted(percentToBps, "CBD must be a percent from 0 to 100, like 0.5"),
  thc_mg: converted((v) => (v === "0" ? 0 : parsePositiveInteger(v)), "THC mg must be a whole number"),
  cbd_mg: converted((v) => (v === "0" ? 0 : parsePositiveInteger(v)), "CBD mg must be a whole number"),
  weight_mg: converted(parsePositiveInteger, "Weight must be a whole number of milligrams, like 3500").pipe(
    weightMgSchema.nullable(),
  ),
  price: required(
    converted(dollarsToCents, "Price must be dollars like 12.50"),
    "Enter a price in dollars, like 12.50.",
  ).pipe(priceCentsSchema),
  medical_price: converted(dollarsToCents, "Medical price must be dollars like 11.00").pipe(
    priceCentsSchema.nullable(),
  ),
  description: z
    .string()
    .trim()
    .max(5000, { error: "At most 5,000 characters." })
    .transform((v) => v || null),
  effects: tags,
  terpenes: tags,
  lab_results_url: z
    .string()
    .trim()
    .transform((v) => v || null)
    .pipe(
      z
        .url({ protocol: /^https?$/, error: "Use an http(s) link." })
        .max(2000)
        .nullable(),
    ),
  status: z
    .string()
    .trim()
    .toLowerCase()
    .transform((v) => v || "active")
    .pipe(z.enum(["active", "draft", "archived"], { error: "Use active, draft or archived." })),
});
export type CsvRow = z.infer<typeof rowSchema>;
export type ParsedRow = { row: number; values: CsvRow; raw: Record<CsvColumn, string> };
export type RowError = { row: number; column: string | null; message: string };

export type CsvRecord = {
  line: number;
  cells: Record<CsvColumn, string>;
  cellCount: number;
  headerLength: number;
};

/** Reads the file into records with their line numbers; a file-level problem throws one clear BAD_REQUEST. */
export function readCsv(text: string): CsvRecord[] {
  if (text.length > MAX_IMPORT_BYTES) throw new DomainError("BAD_REQUEST", "The file is larger than 10 MB.");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as never;
  } catch (error) {
    throw new DomainError("BAD_REQUEST", `This is not a readable CSV file: ${(error as Error).message}`);
  }
  const [header, ...body] = records;
  if (!header) throw new DomainError("BAD_REQUEST", "The file is empty.");
  const names = header.record.map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n));
  const missing = REQUIRED_CSV_COLUMNS.filter((c) => !names.includes(c));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  const problems = [
    missing.length ? `missing column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}` : null,
    unknown.length ? `unknown column${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}` : null,
    repeated.length ? `repeated column${repeated.length > 1 ? "s" : ""} ${repeated.join(", ")}` : null,
  ].filter(Boolean);
  if (problems.length) {
    throw new DomainError(
      "BAD_REQUEST",
      `The header row has ${problems.join("; ")}. Expected columns: ${CSV_COLUMNS.join(", ")}.`,
      { missing, unknown, repeated },
    );
  }
  if (body.length === 0) throw new DomainError("BAD_REQUEST", "The file has a header but no rows.");
  if (body.length > MAX_IMPORT_ROWS) {
    throw new DomainError(
      "BAD_REQUEST",
      `The file has ${body.length.toLocaleString("en-US")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time.`,
    );
  }
  return body.map(({ record, info }) => {
    const cells = Object.fromEntries(CSV_COLUMNS.map((c) => [c, ""])) as Record<CsvColumn, string>;
    // Our export escapes formula-like text with a leading apostrophe (csv/escape.ts); take it off again.
    names.forEach((name, i) => (cells[name as CsvColumn] = unescapeCsvFormula(record[i] ?? "")));
    return { line: info.lines, cells, cellCount: record.length, headerLength: names.length };
  });
}

/** Validates one record's cells; returns its values or its problems, one per column. */
export function validateRow({ line, cells, cellCount, headerLength }: CsvRecord): ParsedRow | RowError[] {
  if (cellCount > headerLength) {
    return [
      {
        row: line,
        column: null,
        message: `This row has ${cellCount} cells; the header has ${headerLength}.`,
      },
    ];
  }
  const result = rowSchema.safeParse(cells);
  if (result.success) return { row: line, values: result.data, raw: cells };
  const seen = new Set<string>();
  return result.error.issues.flatMap((issue) => {
    const column = String(issue.path[0] ?? "");
    if (seen.has(column)) return [];
    seen.add(column);
    return [{ row: line, column: column || null, message: issue.message }];
  });
}
