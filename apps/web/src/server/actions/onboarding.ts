"use server";
import { TRPCError } from "@trpc/server";
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "~/auth";
import { transportSettings } from "~/env";
import { formText } from "~/lib/form";
import { ACTIVE_ORG_COOKIE } from "~/server/request";
import { serverApi } from "~/server/trpc";

export type ActionState = {
  /** A success that is only news for the person (no redirect). */
  message?: string;
  error?: string;
  fields?: Record<string, string>;
  values?: Record<string, string>;
} | null;

/** A refused call as the form shows it: the message, and which field it is about when the server says. */
function refusal(error: unknown, values: Record<string, string>): ActionState {
  if (!(error instanceof TRPCError)) throw error;
  const cause = error.cause as {
    details?: { field?: unknown };
    issues?: { path: PropertyKey[]; message: string }[];
  };
  const fields: Record<string, string> = {};
  for (const issue of cause?.issues ?? []) {
    const key = String(issue.path[0] ?? "form");
    fields[key] ??= issue.message;
  }
  if (typeof cause?.details?.field === "string") fields[cause.details.field] = error.message;
  return { error: error.message, fields, values };
}

async function selectOrganization(organizationId: string) {
  (await cookies()).set(ACTIVE_ORG_COOKIE, organizationId, {
    httpOnly: true,
    secure: transportSettings().https,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
}

/** Signs in with the password just chosen; Next's redirect is thrown on success. */
async function signInAndGo(email: string, password: string, to: string): Promise<ActionState> {
  try {
    await signIn("credentials", { email, password, redirectTo: to });
  } catch (error) {
    if (error instanceof AuthError) {
      redirect(`/dashboard/sign-in?redirectTo=${encodeURIComponent(to)}`);
    }
    throw error;
  }
  return null;
}

/**
 * "Open your dispensary" on the landing page: owner, organization and membership, then a confirmation email.
 * Success is only a message (the same for an email that already has an account), so the form reveals nobody.
 */
export async function openDispensaryAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = {
    ownerName: formText(form, "ownerName"),
    email: formText(form, "email"),
    dispensaryName: formText(form, "dispensaryName"),
    slug: formText(form, "slug"),
    state: formText(form, "state"),
  };
  const password = formText(form, "password");
  try {
    const { message } = await (await serverApi()).onboarding.signUp({ ...values, password });
    return { message };
  } catch (error) {
    return refusal(error, values);
  }
}

/** A signed-in user accepts an invitation sent to them and lands in that organization's dashboard. */
export async function acceptInvitationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  let accepted: { organizationId: string };
  try {
    accepted = await (await serverApi()).team.acceptInvitation({ token: formText(form, "token") });
  } catch (error) {
    return refusal(error, {});
  }
  await selectOrganization(accepted.organizationId);
  redirect("/dashboard");
}

/** Someone new accepts: account and membership together, then signed in. */
export async function acceptAsNewUserAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const values = { name: formText(form, "name") };
  const password = formText(form, "password");
  let accepted: { organizationId: string; email: string };
  try {
    accepted = await (
      await serverApi()
    ).team.acceptInvitationAsNewUser({
      token: formText(form, "token"),
      name: values.name,
      password,
    });
  } catch (error) {
    return refusal(error, values);
  }
  await selectOrganization(accepted.organizationId);
  return signInAndGo(accepted.email, password, "/dashboard");
}
