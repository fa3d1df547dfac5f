import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@cannasaas/auth/rbac";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import type { RouterOutputs } from "@cannasaas/api";
import { ListTable } from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Customer" };

type Message = RouterOutputs["marketing"]["customer"]["messages"][number];

/** What became of a marketing message, the furthest step first. */
function outcome(m: Message) {
  if (m.status === "skipped") return `Not sent (${m.skipReason?.replaceAll("_", " ")})`;
  if (m.unsubscribedAt) return "Unsubscribed";
  if (m.clickedAt) return "Clicked";
  if (m.openedAt) return "Opened";
  if (m.delivery === "sent") return "Sent";
  if (m.delivery === "dead" || m.delivery === "failed") return "Bounced";
  return "Waiting to send";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function CustomerPage({ params }: { params: Promise<{ customerId: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "customers.read"))
    return <Notice tone="error">Your role cannot see customers.</Notice>;
  const { customerId } = await params;
  if (!UUID.test(customerId)) notFound();
  const {
    customer: c,
    recentOrders,
    messages,
    timeZone,
  } = await (await serverApi()).marketing.customer({ customerId });
  const facts: Array<[string, string]> = [
    ["Email", c.email],
    ["Purchaser", c.isMedicalPatient ? "Medical patient" : "Adult-use"],
    ["Orders", String(c.orders)],
    ["Spent", formatCents(c.totalCents)],
    ["Last order", c.lastOrderAt ? formatDateTime(c.lastOrderAt, timeZone) : "Never"],
    ["Favourite category", c.favouriteCategory ?? "—"],
    ["Points", c.points.toLocaleString("en-US")],
    ["Tier", c.tier ?? "—"],
    ["Marketing email", c.emailConsent ? "Agreed" : "Not agreed"],
    ["Marketing SMS", c.smsConsent ? "Agreed" : "Not agreed"],
    ["Marketing web push", c.pushConsent ? "Agreed" : "Not agreed"],
  ];
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/dashboard/customers" className="text-sm text-brand underline">
          All customers
        </Link>
        <h1 className="text-2xl font-bold">{c.name ?? c.email}</h1>
      </div>
      <Card>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-sm text-stone-700">{label}</dt>
              <dd className="font-semibold break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <section aria-labelledby="orders" className="flex flex-col gap-2">
        <CardTitle id="orders">Recent orders</CardTitle>
        <ListTable
          rows={recentOrders}
          rowKey={(o) => o.id}
          empty="No orders yet."
          columns={[
            { header: "Order", cell: (o) => `#${o.orderNumber}` },
            { header: "Placed", cell: (o) => formatDateTime(o.placedAt, timeZone) },
            { header: "Status", cell: (o) => o.status.replaceAll("_", " ") },
            { header: "Total", numeric: true, cell: (o) => formatCents(o.totalCents) },
          ]}
        />
      </section>
      <section aria-labelledby="messages" className="flex flex-col gap-2">
        <CardTitle id="messages">Marketing messages</CardTitle>
        <ListTable
          rows={messages}
          rowKey={(m) => m.id}
          empty="No marketing messages."
          columns={[
            {
              header: "Campaign",
              cell: (m) =>
                m.campaign ?? (m.automation ? `Automation: ${m.automation.replace(/_/g, " ")}` : ""),
            },
            { header: "When", cell: (m) => formatDateTime(m.createdAt, timeZone) },
            { header: "Outcome", cell: outcome },
          ]}
        />
      </section>
    </div>
  );
}
