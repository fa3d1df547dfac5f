import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "~/components/auth/auth-card";
import { SignInForm } from "~/components/auth/sign-in-form";
import { authRedirectNotice } from "~/lib/auth-errors";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";

export const metadata: Metadata = { title: "Sign in" };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ error?: string }> };

export default async function StorefrontSignIn({ params, searchParams }: Props) {
  const tenant = await storefrontTenant((await params).tenant);
  if (await currentUser()) redirect("/account");
  const { error } = await searchParams;
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
      <SignInForm redirectTo="/account" forgotHref="/forgot-password" notice={authRedirectNotice(error)} />
    </AuthCard>
  );
}
