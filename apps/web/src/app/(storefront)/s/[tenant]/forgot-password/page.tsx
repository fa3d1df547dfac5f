import { AuthCard } from "~/components/auth/auth-card";
import { ForgotPasswordForm } from "~/components/auth/password-forms";

export default function ForgotPasswordPage() {
  return (
    <AuthCard title="Reset your password" intro="We will email you a link that works once, for one hour.">
      <ForgotPasswordForm />
    </AuthCard>
  );
}
