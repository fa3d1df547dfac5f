import { z } from "zod";
import type { EnvSource } from "../env";
import type { S3StorageOptions } from "./s3";

const blankIsUnset = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsUnset, schema.optional());

const storageEnvSchema = z
  .object({
    /** Setting a bucket switches file storage from local disk to S3 (or the S3-compatible S3_ENDPOINT). */
    S3_BUCKET: optional(
      z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be a bucket name" }),
    ),
    S3_REGION: optional(z.string().regex(/^[a-z0-9-]+$/, { error: "must be a region such as us-east-1" })),
    S3_ENDPOINT: optional(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })),
    S3_FORCE_PATH_STYLE: optional(z.enum(["true", "false", "1", "0"], { error: "must be true or false" })),
    S3_ACCESS_KEY_ID: optional(z.string()),
    S3_SECRET_ACCESS_KEY: optional(z.string()),
    S3_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(120_000)),
    /** Set by Vercel on its builds and functions: their disk is read-only and not shared. */
    VERCEL: optional(z.string()),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: [env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
        message: "is required with the other S3 key (or leave both unset to use the default AWS credentials)",
      });
    }
    for (const name of ["S3_REGION", "S3_ENDPOINT", "S3_ACCESS_KEY_ID"] as const) {
      if (env[name] && !env.S3_BUCKET) {
        ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: `is required when ${name} is set` });
      }
    }
    if (env.VERCEL && !env.S3_BUCKET) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_BUCKET"],
        message:
          "is required on Vercel: uploads on its local disk would vanish between functions (set the S3_* variables)",
      });
    }
  });

export type StorageSettings = { kind: "local" } | ({ kind: "s3" } & S3StorageOptions);

export class StorageConfigError extends Error {
  override name = "StorageConfigError";
}

/** Where files go, from the S3_* variables; messages name a variable but never echo its value. */
export function parseStorageSettings(source: EnvSource): StorageSettings {
  const parsed = storageEnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new StorageConfigError(`Invalid file storage configuration: ${problems.join("; ")}`);
  }
  const env = parsed.data;
  if (!env.S3_BUCKET) return { kind: "local" };
  return {
    kind: "s3",
    bucket: env.S3_BUCKET,
    region: env.S3_REGION ?? "us-east-1",
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true" || env.S3_FORCE_PATH_STYLE === "1",
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
    timeoutMs: env.S3_TIMEOUT_MS,
  };
}
