import type { ReactNode } from "react";
import { AuthCard } from "./auth-card";

/** A page reached from an emailed link carrying `?token=`; explains an incomplete link instead of failing. */
export async function TokenPage({
  title,
  searchParams,
  children,
}: {
  title: string;
  searchParams: Promise<{ token?: string }>;
  children: (token: string) => ReactNode;
}) {
  const { token } = await searchParams;
  return (
    <AuthCard title={title}>
      {token ? (
        children(token)
      ) : (
        <p className="text-stone-700">This link is incomplete. Open the link from your email again.</p>
      )}
    </AuthCard>
  );
}
