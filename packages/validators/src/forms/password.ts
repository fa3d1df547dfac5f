import { z } from "zod";
import { passwordSchema } from "../credentials";

/** Choosing a new password: typed twice, and the two must match. The server gets the password only. */
export const newPasswordFormSchema = z
  .object({ password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { error: "The two passwords do not match.", path: ["confirm"] });
