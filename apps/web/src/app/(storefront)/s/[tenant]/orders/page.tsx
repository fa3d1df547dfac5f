import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { STATUS_LABELS } from "@cannasaas/core";
import { Badge } from "@cannasaas/ui/badge";
import { formatCents, formatDateTime } from "~/lib/format";
import { currentUser } from "~/server/request";
import { storefrontTenant } from "~/server/tenant";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "My orders" };

export default async function OrdersPage({ params }: { params: Promise<{ tenant: string }> }) {
  await storefrontTenant((await params).tenant);
  if (!(await currentUser())) redirect(`/sign-in?next=${encodeURIComponent("/orders")}`);
  const orders = await (await serverApi()).orders.mine();
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-4">
      <h1 className="text-2xl font-bold">My orders</h1>
      {orders.length === 0 ? (
        <p className="rounded-xl bg-white p-5 shadow-sm">
          You have not ordered yet.{" "}
          <Link href="/" className="font-semibold text-brand underline underline-offset-4">
            Browse the menu
          </Link>
        </p>
      ) : (
        <ul className="flex flex-col gap-3">
          {orders.map((o) => (
            <li key={o.id}>
              <Link
                href={`/orders/${o.id}`}
                className="flex flex-col gap-1 rounded-xl bg-white p-4 shadow-sm hover:ring-2 hover:ring-brand/30 sm:flex-row sm:items-center sm:justify-between"
              >
                <span>
                  <span className="font-semibold">Order #{o.orderNumber}</span>{" "}
                  <span className="text-stone-600">· {formatDateTime(o.placedAt, o.timeZone)}</span>
                  <span className="block text-sm text-stone-600">
                    {o.fulfillment === "pickup" ? "Pickup" : "Delivery"} · {o.locationName}
                  </span>
                </span>
                <span className="flex items-center gap-3">
                  <Badge className="text-sm font-normal">{STATUS_LABELS[o.status]}</Badge>
                  <span className="font-semibold">{formatCents(o.totalCents)}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
