import { ResetPasswordForm } from "~/components/auth/password-forms";
import { TokenPage } from "~/components/auth/token-page";

export default function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  return (
    <TokenPage title="Choose a new password" searchParams={searchParams}>
      {(token) => <ResetPasswordForm token={token} signInHref="/sign-in" />}
    </TokenPage>
  );
}
