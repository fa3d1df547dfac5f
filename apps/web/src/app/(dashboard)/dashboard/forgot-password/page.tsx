import { AuthCard } from "~/components/auth/auth-card";
import { ForgotPasswordForm } from "~/components/auth/password-forms";

export default function DashboardForgotPassword() {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-stone-100 px-4 py-10">
      <AuthCard title="Reset your password" intro="We will email you a link that works once, for one hour.">
        <ForgotPasswordForm />
      </AuthCard>
    </main>
  );
}
