import { TrackEvent } from "~/components/analytics/track-event";
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";
import { serverApi } from "~/server/trpc";
import { CheckoutForm } from "./checkout-form";

export const metadata: Metadata = { title: "Checkout" };

const linkClass = "font-semibold text-brand underline underline-offset-4";

export default async function CheckoutPage({ params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await storefrontTenant((await params).tenant);
  if (!(await currentUser())) redirect(`/sign-in?next=${encodeURIComponent("/checkout")}`);
  const api = await serverApi();
  const [cart, locations] = await Promise.all([api.cart.get(), api.storefront.locations()]);
  const location = locations.find((l) => l.id === cart.locationId);

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6">
      <h1 className="text-2xl font-bold">Checkout</h1>
      {cart.lines.length > 0 ? <TrackEvent type="checkout_started" /> : null}
      {cart.lines.length === 0 ? (
        <p className="rounded-xl bg-white p-5 shadow-sm">
          Your cart is empty.{" "}
          <Link href="/" className={linkClass}>
            Browse the menu
          </Link>
        </p>
      ) : !location ? (
        <p className="rounded-xl bg-white p-5 shadow-sm">
          Choose a store location first.{" "}
          <Link href="/cart" className={linkClass}>
            Back to your cart
          </Link>
        </p>
      ) : (
        <>
          <section aria-labelledby="fulfilment-heading" className="rounded-xl bg-white p-4 shadow-sm">
            <h2 id="fulfilment-heading" className="font-semibold">
              {cart.fulfillment === "pickup" ? "Pickup" : "Delivery"}
            </h2>
            <p className="text-stone-700">
              {cart.fulfillment === "pickup"
                ? `${location.name}, ${location.addressLine1}, ${location.city}`
                : `From ${location.name} to ${formatAddress(cart.deliveryAddress)}`}
            </p>
            <Link href="/cart" className={`text-sm ${linkClass}`}>
              Change
            </Link>
          </section>
          <CheckoutForm
            medicalEnabled={tenant.medicalEnabled}
            paymentMethods={tenant.paymentMethods ?? ["cash", "debit"]}
          />
        </>
      )}
    </div>
  );
}

function formatAddress(
  a: { line1: string; line2?: string | null; city: string; state: string; postalCode: string } | null,
) {
  if (!a) return "an address you have not entered yet";
  return [a.line1, a.line2, `${a.city}, ${a.state} ${a.postalCode}`].filter(Boolean).join(", ");
}
