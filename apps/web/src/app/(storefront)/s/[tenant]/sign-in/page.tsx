import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "~/components/auth/auth-card";
import { SignInForm } from "~/components/auth/sign-in-form";
import { authRedirectNotice } from "~/lib/auth-errors";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";

export const metadata: Metadata = { title: "Sign in" };

type Props = {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ error?: string; next?: string }>;
};

/** Only a same-site path, so a crafted link cannot send the shopper elsewhere after signing in. */
function relativePath(value: unknown) {
  return typeof value === "string" &&
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.startsWith("/\\")
    ? value
    : null;
}

export default async function StorefrontSignIn({ params, searchParams }: Props) {
  const tenant = await storefrontTenant((await params).tenant);
  const { error, next } = await searchParams;
  const redirectTo = relativePath(next) ?? "/account";
  if (await currentUser()) redirect(redirectTo);
  return (
    <AuthCard
      title={`Sign in to ${tenant.name}`}
      footer={
        <>
          New here?{" "}
          <Link href="/sign-up" className="font-semibold text-brand underline underline-offset-4">
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm redirectTo={redirectTo} forgotHref="/forgot-password" notice={authRedirectNotice(error)} />
    </AuthCard>
  );
}
