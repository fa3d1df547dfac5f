import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABELS } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { AuthCard } from "~/components/auth/auth-card";
import { signOutAction } from "~/server/actions/auth";
import { currentUser } from "~/server/request";
import { formatDateTime } from "~/lib/format";
import { serverApi } from "~/server/trpc";
import { AcceptForms } from "./accept-forms";

export const metadata: Metadata = { title: "Join your team", robots: { index: false } };

const TITLES = {
  unknown: "This invitation link does not work",
  used: "This invitation has been used",
  expired: "This invitation has expired",
  revoked: "This invitation was withdrawn",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const api = await serverApi();
  const [user, invitation] = await Promise.all([
    currentUser(),
    /^[A-Za-z0-9_-]{20,100}$/.test(token)
      ? api.team.describeInvitation({ token })
      : Promise.resolve({ state: "unknown" as const, message: "This invitation link is incomplete." }),
  ]);

  return (
    <main className="flex min-h-dvh items-center justify-center bg-stone-100 px-4 py-10">
      {invitation.state !== "valid" ? (
        <AuthCard title={TITLES[invitation.state]}>
          <Notice tone="error">{invitation.message}</Notice>
          <p className="mt-4 text-sm">
            <Link href="/dashboard" className="text-brand underline underline-offset-4">
              Go to the dashboard
            </Link>
          </p>
        </AuthCard>
      ) : (
        <AuthCard
          title={`Join ${invitation.organizationName}`}
          intro={
            <>
              You are invited as <strong>{ROLE_LABELS[invitation.role]}</strong> with {invitation.email}. The
              link works once and expires on {formatDateTime(invitation.expiresAt, invitation.timeZone)}.
            </>
          }
        >
          {user && user.email !== invitation.email ? (
            <div className="flex flex-col gap-3">
              <Notice tone="error">
                You are signed in as {user.email}. This invitation is for {invitation.email}: sign out, then
                open the link again.
              </Notice>
              <form action={signOutAction}>
                <input type="hidden" name="redirectTo" value={`/invite/${token}`} />
                <button className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold">
                  Sign out
                </button>
              </form>
            </div>
          ) : user ? (
            <AcceptForms mode="existing" token={token} />
          ) : invitation.hasAccount ? (
            <div className="flex flex-col gap-3">
              <p className="text-sm text-stone-700">
                There is already an account for {invitation.email}. Sign in with it, and you will come back
                here to accept.
              </p>
              <Link
                href={`/dashboard/sign-in?redirectTo=${encodeURIComponent(`/invite/${token}`)}`}
                className="inline-flex min-h-11 items-center justify-center rounded-lg bg-brand px-4 font-semibold text-white"
              >
                Sign in to accept
              </Link>
            </div>
          ) : (
            <AcceptForms mode="new" token={token} />
          )}
        </AuthCard>
      )}
    </main>
  );
}
