import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "~/components/auth/auth-card";
import { SignInForm } from "~/components/auth/sign-in-form";
import { authRedirectNotice } from "~/lib/auth-errors";
import { currentUser } from "~/server/request";

export const metadata: Metadata = { title: "Sign in" };

export default async function DashboardSignIn({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; redirectTo?: string }>;
}) {
  const { error, redirectTo } = await searchParams;
  // Only paths inside the platform (e.g. back to an invitation), never another site.
  const next =
    redirectTo && /^\/(?:dashboard|invite)(?:\/|$)/.test(redirectTo) && !redirectTo.includes("//")
      ? redirectTo
      : "/dashboard";
  if (await currentUser()) redirect(next);
  return (
    <main className="flex min-h-dvh items-center justify-center bg-stone-100 px-4 py-10">
      <AuthCard title="Dispensary dashboard" intro="Sign in with your staff account.">
        <SignInForm
          redirectTo={next}
          forgotHref="/dashboard/forgot-password"
          notice={authRedirectNotice(error)}
        />
      </AuthCard>
    </main>
  );
}
