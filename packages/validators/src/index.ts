import { z } from "zod";

import { emailSchema, passwordSchema } from "./credentials";

export { emailSchema, passwordSchema };

export const dateOfBirthSchema = z
  .string({ error: "Enter your date of birth." })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "Enter your date of birth as YYYY-MM-DD." })
  .refine(
    (v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) && d.getUTCFullYear() >= 1900;
    },
    { error: "That date of birth is not a real date." },
  );

export const shopperSignUpSchema = z.object({
  name: z.string().trim().min(1, { error: "Enter your name." }).max(120, { error: "That name is too long." }),
  email: emailSchema,
  password: passwordSchema,
  dateOfBirth: dateOfBirthSchema,
  marketingEmailConsent: z.boolean().default(false),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, { error: "Enter your password." }).max(128),
});

export const magicLinkSchema = z.object({ email: emailSchema });

export const passwordResetRequestSchema = z.object({ email: emailSchema });

export const passwordResetSchema = z.object({
  token: z.string().min(20, { error: "This reset link is incomplete." }).max(200),
  password: passwordSchema,
});

export const paginationSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

export const categorySlugSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, { error: "Unknown category." });

/** The first message of a zod error, for forms that show one line. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "Check the form and try again.";
}

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}
export * from "./address";
export * from "./lists";
export * from "./labels";
export * from "./onboarding";
export * from "./slug";
export * from "./catalog";
export * from "./account";
export * from "./checkout";
export * from "./order-history";
export * from "./promotions";
export * from "./marketing";
export * from "./pricing";
export * from "./loyalty";
export * from "./bounds";
export * from "./categories";
export * from "./text-guard";
export * from "./location-settings";
export * from "./handover-card";
export * from "./sms";
export * from "./push";
export * from "./id-documents";
