import { AuthCard } from "~/components/auth/auth-card";
import { ResetPasswordForm } from "~/components/auth/password-forms";

export default async function DashboardResetPassword({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  return (
    <main className="flex min-h-dvh items-center justify-center bg-stone-100 px-4 py-10">
      <AuthCard title="Choose a new password">
        {token ? (
          <ResetPasswordForm token={token} signInHref="/dashboard/sign-in" />
        ) : (
          <p className="text-stone-700">This link is incomplete. Open the link from your email again.</p>
        )}
      </AuthCard>
    </main>
  );
}
