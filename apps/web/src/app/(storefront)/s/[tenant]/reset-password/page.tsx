import { AuthCard } from "~/components/auth/auth-card";
import { ResetPasswordForm } from "~/components/auth/password-forms";

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <AuthCard title="Choose a new password">
      {token ? (
        <ResetPasswordForm token={token} signInHref="/sign-in" />
      ) : (
        <p className="text-stone-700">This link is incomplete. Open the link from your email again.</p>
      )}
    </AuthCard>
  );
}
