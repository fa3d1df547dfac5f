import type { Metadata } from "next";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";
import { CartView } from "./cart-view";

export const metadata: Metadata = { title: "Cart" };

export default async function CartPage({ params }: { params: Promise<{ tenant: string }> }) {
  await storefrontTenant((await params).tenant);
  const signedIn = Boolean(await currentUser());
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-bold">Your cart</h1>
      <CartView signedIn={signedIn} />
    </div>
  );
}
