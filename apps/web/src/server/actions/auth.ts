"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { signInMessages, type SignInFailure } from "@cannasaas/auth";
import { firstIssue, magicLinkSchema, signInSchema } from "@cannasaas/validators";
import { eq } from "drizzle-orm";
import { users } from "@cannasaas/db/schema";
import { signIn, signOut } from "~/auth";
import { getDeps } from "~/server/deps";
import { formText } from "~/lib/form";
import { serverApi } from "~/server/trpc";

/** `redirectTo`: where the browser goes next, as a fresh page load (see storefrontSignOutAction for why). */
export type FormState = { error?: string; ok?: boolean; email?: string; redirectTo?: string } | null;

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
    await signIn("credentials", { ...parsed.data, redirect: false });
    return { ok: true, redirectTo: safeRedirect(formData.get("redirectTo"), "/") };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const code = error.code as SignInFailure | "invalid_input";
      return {
        error:
          code in signInMessages ? signInMessages[code as SignInFailure] : "Check your email and password.",
        email,
      };
    }
    if (error instanceof AuthError) return { error: "Sign-in failed. Try again in a moment.", email };
    throw error;
  }
}

/** Sends a sign-in link to an existing account; new shoppers are told to sign up (they must give a birth date). */
export async function magicLinkAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = magicLinkSchema.safeParse({ email: formData.get("email") });
  if (!parsed.success) return { error: firstIssue(parsed.error) };
  const deps = await getDeps();
  const [account] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, parsed.data.email))
    .limit(1);
  if (!account)
    return { error: "There is no account for that email yet. Create one first.", email: parsed.data.email };
  try {
    await signIn("email", {
      email: parsed.data.email,
      redirect: false,
      redirectTo: safeRedirect(formData.get("redirectTo"), "/"),
    });
    return { ok: true, email: parsed.data.email };
  } catch (error) {
    if (error instanceof AuthError)
      return { error: "We could not send a sign-in link. Try again in a moment." };
    throw error;
  }
}

export async function signOutAction(formData: FormData) {
  await signOut({ redirectTo: safeRedirect(formData.get("redirectTo"), "/") });
}

/**
 * Ends every session of the signed-in user on every device (the server raises their session version, so other
 * devices are signed out on their next request), then clears this browser's cookie too.
 */
export async function signOutEverywhereAction(formData: FormData) {
  await (await serverApi()).account.signOutEverywhere();
  await signOut({ redirectTo: safeRedirect(formData.get("redirectTo"), "/") });
}

/**
 * Signs a shopper out of a storefront (and, with `everywhere`, every device) without redirecting: the caller
 * then loads the store's menu itself. A server action's redirect is rendered by Next through an internal
 * request to its own origin, which reaches the proxy as the platform's host, so redirecting a storefront to
 * "/" showed the platform's landing page under the store's address.
 */
export async function storefrontSignOutAction(everywhere: boolean): Promise<void> {
  if (everywhere) await (await serverApi()).account.signOutEverywhere();
  await signOut({ redirect: false });
}
