import { AuthCard } from "~/components/auth/auth-card";

export default function CheckEmail() {
  return (
    <AuthCard title="Check your email">
      <p className="text-stone-700">
        If an account exists for that address, a sign-in link is on its way. It works once.
      </p>
    </AuthCard>
  );
}
