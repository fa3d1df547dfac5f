import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { can } from "@cannasaas/auth/rbac";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
} from "@cannasaas/ui/table";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Customer" };

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
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Order</TableHead>
              <TableHead>Placed</TableHead>
              <TableHead>Status</TableHead>
              <TableHead className="text-right">Total</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {recentOrders.length ? (
              recentOrders.map((o) => (
                <TableRow key={o.id}>
                  <TableCell>#{o.orderNumber}</TableCell>
                  <TableCell>{formatDateTime(o.placedAt, timeZone)}</TableCell>
                  <TableCell>{o.status.replaceAll("_", " ")}</TableCell>
                  <TableCell className="text-right tabular-nums">{formatCents(o.totalCents)}</TableCell>
                </TableRow>
              ))
            ) : (
              <TableEmpty colSpan={4}>No orders yet.</TableEmpty>
            )}
          </TableBody>
        </Table>
      </section>
      <section aria-labelledby="messages" className="flex flex-col gap-2">
        <CardTitle id="messages">Marketing messages</CardTitle>
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Campaign</TableHead>
              <TableHead>When</TableHead>
              <TableHead>Outcome</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {messages.length ? (
              messages.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>
                    {m.campaign ?? (m.automation ? `Automation: ${m.automation.replace(/_/g, " ")}` : "")}
                  </TableCell>
                  <TableCell>{formatDateTime(m.createdAt, timeZone)}</TableCell>
                  <TableCell>
                    {m.status === "skipped"
                      ? `Not sent (${m.skipReason?.replaceAll("_", " ")})`
                      : m.unsubscribedAt
                        ? "Unsubscribed"
                        : m.clickedAt
                          ? "Clicked"
                          : m.openedAt
                            ? "Opened"
                            : m.delivery === "sent"
                              ? "Sent"
                              : m.delivery === "dead" || m.delivery === "failed"
                                ? "Bounced"
                                : "Waiting to send"}
                  </TableCell>
                </TableRow>
              ))
            ) : (
              <TableEmpty colSpan={3}>No marketing messages.</TableEmpty>
            )}
          </TableBody>
        </Table>
      </section>
    </div>
  );
}
