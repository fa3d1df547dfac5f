import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";

/** Renders a JSON Schema from the OpenAPI document as readable tables (server component, no script). */
type Schema = Record<string, unknown>;

const REF = "#/components/schemas/";

export function refName(schema: Schema): string | null {
  return typeof schema.$ref === "string" ? schema.$ref.slice(REF.length) : null;
}

/** A short type label: `string (uuid)`, `integer or null`, `array of Product`, `"a" | "b"`. */
export function typeLabel(schema: Schema): string {
  const ref = refName(schema);
  if (ref) return ref;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeLabel).join(" or ");
  if (schema.type === "array" && schema.items) return `array of ${typeLabel(schema.items as Schema)}`;
  const type = Array.isArray(schema.type)
    ? schema.type.join(" or ")
    : typeof schema.type === "string"
      ? schema.type
      : "any";
  const format = typeof schema.format === "string" ? ` (${schema.format})` : "";
  return `${type}${format}`;
}

export function TypeLink({ schema }: { schema: Schema }) {
  const ref = refName(schema);
  const items = schema.type === "array" ? refName((schema.items ?? {}) as Schema) : null;
  const target = ref ?? items;
  if (!target) return <code className="text-xs">{typeLabel(schema)}</code>;
  return (
    <code className="text-xs">
      {items ? "array of " : ""}
      <a className="text-brand underline" href={`#schema-${target}`}>
        {target}
      </a>
    </code>
  );
}

function constraints(schema: Schema) {
  const parts: string[] = [];
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  if (typeof schema.minimum === "number" && Math.abs(schema.minimum) < 1e12)
    parts.push(`min ${schema.minimum}`);
  if (typeof schema.maximum === "number" && Math.abs(schema.maximum) < 1e12)
    parts.push(`max ${schema.maximum}`);
  if (typeof schema.maxLength === "number") parts.push(`max length ${schema.maxLength}`);
  if (typeof schema.minItems === "number") parts.push(`at least ${schema.minItems}`);
  if (typeof schema.maxItems === "number") parts.push(`at most ${schema.maxItems}`);
  return parts.join(", ");
}

/** An object's properties as a table; nested objects are listed with dotted names. */
export function PropertiesTable({ schema, caption }: { schema: Schema; caption: string }) {
  const rows: Array<{ name: string; schema: Schema; required: boolean }> = [];
  const walk = (s: Schema, prefix: string) => {
    const props = (s.properties ?? {}) as Record<string, Schema>;
    const required = (s.required ?? []) as string[];
    for (const [name, prop] of Object.entries(props)) {
      rows.push({ name: `${prefix}${name}`, schema: prop, required: required.includes(name) });
      const inner = prop.type === "array" ? ((prop.items ?? {}) as Schema) : prop;
      if (inner.type === "object" && inner.properties)
        walk(inner, `${prefix}${name}${prop.type === "array" ? "[]" : ""}.`);
    }
  };
  walk(schema, "");
  if (!rows.length) return <TypeLink schema={schema} />;
  return (
    <div className="overflow-x-auto">
      <Table framed={false} className="min-w-[32rem] border-collapse">
        <TableCaption>{caption}</TableCaption>
        <TableHeader>
          <tr className="border-b border-stone-200 text-stone-600">
            <TableHead className="pr-3">Field</TableHead>
            <TableHead className="pr-3">Type</TableHead>
            <TableHead>Notes</TableHead>
          </tr>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <tr key={row.name} className="align-top">
              <TableCell className="pr-3">
                <code className="text-xs font-semibold">{row.name}</code>
                {row.required ? <span className="ml-1 text-xs text-red-700">required</span> : null}
              </TableCell>
              <TableCell className="pr-3">
                <TypeLink schema={row.schema} />
              </TableCell>
              <TableCell className="text-stone-700">
                {[row.schema.description as string | undefined, constraints(row.schema)]
                  .filter(Boolean)
                  .join(" · ")}
              </TableCell>
            </tr>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
