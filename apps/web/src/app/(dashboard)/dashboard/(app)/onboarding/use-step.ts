"use client";
import { useRouter } from "next/navigation";
import { describeError } from "~/components/auth/errors";

/** After a step is saved the wizard resumes at the step the server says is next. */
export function useAfterSave() {
  const router = useRouter();
  return () => {
    router.push("/dashboard/onboarding");
    router.refresh();
  };
}

export const errorOf = (error: unknown) => (error ? describeError(error) : null);
