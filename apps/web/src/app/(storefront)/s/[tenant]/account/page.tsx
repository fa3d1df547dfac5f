import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "~/server/actions/auth";
import { currentUser } from "~/server/request";
import { serverApi } from "~/server/trpc";
import { storefrontTenant } from "~/server/tenant";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await storefrontTenant((await params).tenant);
  if (!(await currentUser())) redirect("/sign-in");
  const me = await (await serverApi()).shopper.me();
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <h1 className="text-2xl font-bold">My account</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-xl bg-white p-5 shadow-sm">
        <dt className="text-stone-600">Name</dt>
        <dd>{me.name ?? "—"}</dd>
        <dt className="text-stone-600">Email</dt>
        <dd>{me.email}</dd>
        <dt className="text-stone-600">Customer at</dt>
        <dd>{tenant.name}</dd>
        <dt className="text-stone-600">Medical patient</dt>
        <dd>{me.isMedicalPatient ? "Yes" : "No"}</dd>
        <dt className="text-stone-600">Marketing emails</dt>
        <dd>{me.marketingEmailConsent ? "Subscribed" : "Not subscribed"}</dd>
      </dl>
      <form action={signOutAction}>
        <input type="hidden" name="redirectTo" value="/" />
        <button className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold">
          Sign out
        </button>
      </form>
    </div>
  );
}
