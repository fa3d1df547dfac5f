import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { Card } from "@cannasaas/ui/card";
import { currentUser } from "~/server/request";
import { serverApi } from "~/server/trpc";
import { storefrontTenant } from "~/server/tenant";
import { AcceptReferral } from "./accept-referral";

export const metadata: Metadata = { title: "You were invited", robots: { index: false } };

type Props = { params: Promise<{ tenant: string; code: string }> };

async function referrerFor(code: string) {
  try {
    return await (await serverApi()).loyalty.referrer({ code });
  } catch (error) {
    // A malformed code, or a store whose plan has no rewards program: there is no invitation to show.
    if (error instanceof TRPCError && (error.code === "BAD_REQUEST" || error.code === "FORBIDDEN"))
      return null;
    throw error;
  }
}

/** A shopper's referral link: who invited the visitor, and how to accept. */
export default async function ReferralPage({ params }: Props) {
  const { tenant: key, code } = await params;
  const tenant = await storefrontTenant(key);
  const referrer = await referrerFor(decodeURIComponent(code));
  if (!referrer) notFound();
  const signedIn = Boolean(await currentUser());
  const here = `/r/${encodeURIComponent(code)}`;
  return (
    <Card className="mx-auto flex max-w-lg flex-col gap-4 p-6">
      <h1 className="text-2xl font-bold">
        {referrer.firstName} invited you to {tenant.name}
      </h1>
      <p className="text-stone-700">
        Accept the invitation, place your first order and you both earn reward points once it is completed.
      </p>
      {signedIn ? (
        <AcceptReferral code={decodeURIComponent(code)} />
      ) : (
        <div className="flex flex-wrap gap-3">
          <Link
            href={`/sign-up?next=${encodeURIComponent(here)}`}
            className="inline-flex min-h-11 items-center rounded-lg bg-brand px-4 font-semibold text-white"
          >
            Create an account
          </Link>
          <Link
            href={`/sign-in?next=${encodeURIComponent(here)}`}
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 px-4 font-semibold"
          >
            Sign in
          </Link>
        </div>
      )}
    </Card>
  );
}
