import type { Metadata } from "next";
import Link from "next/link";
import { minimumSignUpAge } from "@cannasaas/auth";
import { AuthCard } from "~/components/auth/auth-card";
import { SignUpForm } from "~/components/auth/sign-up-form";
import { storefrontTenant } from "~/server/tenant";

export const metadata: Metadata = { title: "Create an account" };

export default async function StorefrontSignUp({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await storefrontTenant((await params).tenant);
  return (
    <AuthCard
      title="Create your account"
      intro={`Order ahead at ${tenant.name}.`}
      footer={
        <>
          Already have an account?{" "}
          <Link href="/sign-in" className="font-semibold text-brand underline underline-offset-4">
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm minimumAge={minimumSignUpAge(tenant)} />
    </AuthCard>
  );
}
