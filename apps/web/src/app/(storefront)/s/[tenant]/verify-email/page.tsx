import { AuthCard } from "~/components/auth/auth-card";
import { VerifyEmailButton } from "~/components/auth/password-forms";

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Confirm your email">
      {token ? (
        <VerifyEmailButton token={token} signInHref="/sign-in" />
      ) : (
        <p className="text-stone-700">This link is incomplete. Open the link from your email again.</p>
      )}
    </AuthCard>
  );
}
