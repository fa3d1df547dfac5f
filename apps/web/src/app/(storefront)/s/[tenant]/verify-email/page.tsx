import { VerifyEmailButton } from "~/components/auth/password-forms";
import { TokenPage } from "~/components/auth/token-page";

export default function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  return (
    <TokenPage title="Confirm your email" searchParams={searchParams}>
      {(token) => <VerifyEmailButton token={token} signInHref="/sign-in" />}
    </TokenPage>
  );
}
