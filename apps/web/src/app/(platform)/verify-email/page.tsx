import { VerifyEmailButton } from "~/components/auth/password-forms";
import { TokenPage } from "~/components/auth/token-page";

export default function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-stone-100 px-4 py-10">
      <TokenPage title="Confirm your email" searchParams={searchParams}>
        {(token) => <VerifyEmailButton token={token} signInHref="/dashboard/sign-in" />}
      </TokenPage>
    </main>
  );
}
