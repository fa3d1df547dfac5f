"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signInMessages, type SignInFailure } from "@cannasaas/auth";
import { firstIssue, magicLinkSchema, signInSchema } from "@cannasaas/validators";
import { signIn, signOut } from "~/auth";
import { formText } from "~/lib/form";

export type FormState = { error?: string; ok?: boolean; email?: string } | null;

/** Only same-site relative paths, so a crafted link cannot send someone elsewhere after sign-in. */
function safeRedirect(value: FormDataEntryValue | null, fallback: string): string {
  const path = typeof value === "string" ? value : "";
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\") ? path : fallback;
}

export async function passwordSignInAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const email = formText(formData, "email");
  if (!parsed.success) return { error: firstIssue(parsed.error), email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(formData.get("redirectTo"), "/") });
    return { ok: true };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code as SignInFailure | "invalid_input";
      return { error: code in signInMessages ? signInMessages[code as SignInFailure] : "Check your email and password.", email };
    }
    if (error instanceof AuthError) return { error: "Sign-in failed. Try again in a moment.", email };
    throw error; // Next's redirect after a successful sign-in
  }
}

export async function magicLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = magicLinkSchema.safeParse({ email: formData.get("email") });
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  try {
    await signIn("email", { email: parsed.data.email, redirectTo: safeRedirect(formData.get("redirectTo"), "/") });
    return { ok: true };
  } catch (error) {
    if (error instanceof AuthError) return { error: "We could not send a sign-in link. Try again in a moment." };
    throw error;
  }
}

export async function signOutAction(formData: FormData) {
  await signOut({ redirectTo: safeRedirect(formData.get("redirectTo"), "/") });
}
