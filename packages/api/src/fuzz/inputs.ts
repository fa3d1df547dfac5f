import { z } from "zod";
import type { Random } from "./random";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
};

/**
 * The JSON Schema of a zod input (what a client may send), or an empty schema for what JSON Schema cannot say
 * (dates, files, custom checks): the fuzzer then sends anything there.
 */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  try {
    return z.toJSONSchema(schema, { io: "input", unrepresentable: "any", cycles: "ref" }) as JsonSchema;
  } catch {
    return {};
  }
}

const SAMPLE_TEXT = ["Blue Dream", "kush", "OG", "test", "Main St", "gummies", "a"];

/** A value the schema would probably accept: right types, in range, known enum values, uuids where asked. */
export function validish(schema: JsonSchema, random: Random, root: JsonSchema = schema, depth = 0): unknown {
  if (depth > 6) return null;
  if (schema.$ref) {
    const name = schema.$ref.split("/").at(-1)!;
    return validish(root.$defs?.[name] ?? {}, random, root, depth + 1);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return random.pick(schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) return validish(random.pick(options), random, root, depth + 1);
  if (schema.allOf?.length) {
    return Object.assign({}, ...schema.allOf.map((s) => validish(s, random, root, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? random.pick(schema.type) : schema.type;
  switch (type) {
    case "string":
      return validString(schema, random);
    case "integer":
    case "number": {
      const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1) + 1;
      const max = Math.min(schema.maximum ?? (schema.exclusiveMaximum ?? 1001) - 1, min + 1000);
      const n = random.int(Math.ceil(min), Math.floor(Math.max(min, max)));
      return type === "number" && random.chance(0.2) ? n + 0.5 : n;
    }
    case "boolean":
      return random.chance(0.5);
    case "null":
      return null;
    case "array": {
      if (schema.prefixItems) return schema.prefixItems.map((s) => validish(s, random, root, depth + 1));
      const item = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      const length = random.int(
        schema.minItems ?? 0,
        Math.min(schema.maxItems ?? 3, (schema.minItems ?? 0) + 3),
      );
      return Array.from({ length }, () => validish(item ?? {}, random, root, depth + 1));
    }
    case "object": {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        if (required.has(key) || random.chance(0.5)) out[key] = validish(value, random, root, depth + 1);
      }
      return out;
    }
    default:
      return random.pick([random.uuid(), "x", 1, true, null, {}]);
  }
}

function validString(schema: JsonSchema, random: Random): string {
  switch (schema.format) {
    case "uuid":
      return random.uuid();
    case "email":
      return `fuzz-${random.int(0, 1e6)}@example.test`;
    case "date":
      return `2026-0${random.int(1, 9)}-1${random.int(0, 9)}`;
    case "date-time":
      return new Date(Date.UTC(2026, random.int(0, 11), random.int(1, 28))).toISOString();
    case "uri":
    case "url":
      return "https://example.test/hook";
  }
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 40;
  let text = random.pick(SAMPLE_TEXT);
  while (text.length < min) text += "x";
  return text.slice(0, Math.max(min, Math.min(max, text.length)));
}

/** What an attacker or a broken client sends instead of a well-formed value. */
export const HOSTILE_VALUES: readonly (() => unknown)[] = [
  () => "\u0000",
  () => "name\u0000with nul",
  () => "\ud800",
  () => "lone \udfff surrogate",
  () => "x".repeat(100_000),
  () => "9".repeat(400),
  () => "",
  () => "   ",
  () => "' OR 1=1 --",
  () => "<script>alert(1)</script>",
  () => "../../../etc/passwd",
  () => '=HYPERLINK("http://evil.example")',
  () => -1,
  () => 0,
  () => -2147483649,
  () => 2147483648,
  () => Number.MAX_SAFE_INTEGER + 2,
  () => 1e308,
  () => -1e308,
  () => 0.000001,
  () => true,
  () => null,
  () => [],
  () => [null, "\u0000"],
  () => ({}),
  () => ({ nested: { deeper: "\ud800" } }),
];

/** Replaces `count` random places of `value` (the root included) with hostile values and adds unknown keys. */
export function hostile(value: unknown, random: Random, count = random.int(1, 3)): unknown {
  let out = value;
  for (let i = 0; i < count; i++) out = mutateAt(out, random);
  return out;
}

function mutateAt(value: unknown, random: Random): unknown {
  if (value && typeof value === "object" && !Array.isArray(value) && random.chance(0.8)) {
    const record = { ...(value as Record<string, unknown>) };
    const keys = Object.keys(record);
    if (!keys.length || random.chance(0.2)) {
      record[random.pick(["unknownKey", "key\ud800", "__proto__", "constructor", "k\u0000"])] =
        random.pick(HOSTILE_VALUES)();
      return record;
    }
    const key = random.pick(keys);
    record[key] = mutateAt(record[key], random);
    return record;
  }
  if (Array.isArray(value) && value.length && random.chance(0.7)) {
    const copy: unknown[] = [...(value as unknown[])];
    const index = random.int(0, copy.length - 1);
    copy[index] = mutateAt(copy[index], random);
    return copy;
  }
  return random.pick(HOSTILE_VALUES)();
}

/** One generated input: well-formed half the time, hostile otherwise (and sometimes missing altogether). */
export function generateInput(schema: JsonSchema | null, random: Random): unknown {
  if (!schema) return random.chance(0.8) ? undefined : random.pick(HOSTILE_VALUES)();
  const base = validish(schema, random);
  if (random.chance(0.05)) return undefined;
  return random.chance(0.5) ? base : hostile(base, random);
}
