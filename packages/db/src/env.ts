import { z } from "zod";

/** `.env` files often contain `KEY=`; a blank value means unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );

const dbEnvSchema = z.object({
  /** PostgreSQL (postgres.js); unset means the embedded PGlite database under DATA_DIR. */
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, { error: "must be a postgres:// or postgresql:// URL" }),
  ),
  /**
   * Statements prepared on their connections (see `DatabaseOptions.prepare`): on unless "0" or "false", which
   * a pooler in transaction mode without prepared-statement support needs.
   */
  DATABASE_PREPARE: optional(z.enum(["1", "true", "0", "false"])).transform(
    (v) => v !== "0" && v !== "false",
  ),
  /** Where PGlite and local files live; `.data/` at the repository root by default. */
  DATA_DIR: optional(z.string()),
});

export type DbEnv = z.output<typeof dbEnvSchema>;

/** Read on every call (cheap), so tests and scripts that set a variable first see it. Never echoes values. */
export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  throw new Error(`Invalid database environment: ${problems.join("; ")}`);
}
