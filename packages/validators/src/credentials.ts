import { z } from "zod";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, { error: "That email address is too long." })
  .pipe(z.email({ error: "Enter a valid email address, like name@example.com." }));

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(10, { error: "Use at least 10 characters for your password." })
  .max(128, { error: "Use at most 128 characters for your password." });
