import { ResetPasswordForm } from "~/components/auth/password-forms";
import { TokenPage } from "~/components/auth/token-page";

export default function DashboardResetPassword({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-stone-100 px-4 py-10">
      <TokenPage title="Choose a new password" searchParams={searchParams}>
        {(token) => <ResetPasswordForm token={token} signInHref="/dashboard/sign-in" />}
      </TokenPage>
    </main>
  );
}
