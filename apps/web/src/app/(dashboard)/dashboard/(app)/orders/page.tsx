import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import type { OrderStatus } from "@cannasaas/core";
import { Badge } from "@cannasaas/ui/badge";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { AutoRefresh } from "./auto-refresh";
import { OrderCard } from "./order-card";

export const metadata: Metadata = { title: "Orders" };

const SECTIONS: Array<{ status: OrderStatus; title: string }> = [
  { status: "pending", title: "New" },
  { status: "confirmed", title: "Confirmed" },
  { status: "preparing", title: "Preparing" },
  { status: "ready", title: "Ready" },
  { status: "out_for_delivery", title: "Out for delivery" },
];

export default async function OrdersQueuePage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const queue = await (await serverApi()).staffOrders.queue().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  });
  if (typeof queue === "string") return <Notice tone="error">{queue}</Notice>;
  const now = new Date();
  const sections = SECTIONS.map((s) => ({ ...s, orders: queue.filter((o) => o.status === s.status) }));

  return (
    <div className="flex flex-col gap-6">
      <AutoRefresh seconds={15} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Orders</h1>
        <p className="text-sm text-stone-600">Open orders, oldest first. Refreshes every 15 seconds.</p>
      </div>
      <nav aria-label="Order statuses" className="-mx-4 overflow-x-auto px-4">
        <ul className="flex gap-2">
          {sections.map((s) => (
            <li key={s.status}>
              <a
                href={`#${s.status}`}
                className="inline-flex min-h-11 items-center gap-2 whitespace-nowrap rounded-full border border-stone-300 bg-white px-4 text-sm font-medium hover:bg-stone-50"
              >
                {s.title}
                <Badge className="py-0 font-normal">{s.orders.length}</Badge>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {sections.map((s) => (
        <section
          key={s.status}
          id={s.status}
          aria-labelledby={`${s.status}-heading`}
          className="flex scroll-mt-4 flex-col gap-3"
        >
          <h2 id={`${s.status}-heading`} className="text-lg font-semibold">
            {s.title} ({s.orders.length})
          </h2>
          {s.orders.length === 0 ? (
            <p className="text-sm text-stone-600">No orders here.</p>
          ) : (
            <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
              {s.orders.map((o) => (
                <OrderCard key={o.id} order={o} units={o.units} now={now} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </div>
  );
}
