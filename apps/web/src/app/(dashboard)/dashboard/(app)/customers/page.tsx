import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRow,
} from "@cannasaas/ui/table";
import { filtersFromParams, type CustomerSearchParams } from "~/components/marketing/customer-filters";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Customers" };

const control = "min-h-11 rounded-lg border border-stone-300 bg-white px-3";
const label = "flex flex-col gap-1 text-sm font-medium text-stone-800";

export default async function CustomersPage({
  searchParams,
}: {
  searchParams: Promise<CustomerSearchParams>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "customers.read"))
    return <Notice tone="error">Your role cannot see customers.</Notice>;
  const params = await searchParams;
  const api = await serverApi();
  const [page, options] = await Promise.all([
    api.marketing.customers({
      search: params.q?.slice(0, 100) || undefined,
      filters: filtersFromParams(params),
      cursor: params.cursor,
      limit: 50,
    }),
    can(active.role, "marketing.manage") ? api.marketing.segmentOptions() : Promise.resolve(null),
  ]);
  const next = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[0] !== "cursor" && !!entry[1]),
  );
  if (page.nextCursor) next.set("cursor", page.nextCursor);
  const select = (name: keyof CustomerSearchParams, text: string, choices: [string, string][]) => (
    <label className={label}>
      {text}
      <select name={name} defaultValue={params[name] ?? ""} className={control}>
        <option value="">Any</option>
        {choices.map(([value, t]) => (
          <option key={value} value={value}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Customers</h1>
      <form
        role="search"
        aria-label="Find customers"
        className="grid gap-3 rounded-xl bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-5"
      >
        <label className={`${label} sm:col-span-2`}>
          Name or email
          <input name="q" defaultValue={params.q ?? ""} className={control} maxLength={100} />
        </label>
        <label className={label}>
          Ordered in the last (days)
          <input
            name="orderedWithin"
            inputMode="numeric"
            defaultValue={params.orderedWithin ?? ""}
            className={control}
          />
        </label>
        <label className={label}>
          No order in the last (days)
          <input
            name="notOrderedWithin"
            inputMode="numeric"
            defaultValue={params.notOrderedWithin ?? ""}
            className={control}
          />
        </label>
        <label className={label}>
          Spent at least ($)
          <input
            name="minSpend"
            inputMode="numeric"
            defaultValue={params.minSpend ?? ""}
            className={control}
          />
        </label>
        <label className={label}>
          At least (orders)
          <input
            name="minOrders"
            inputMode="numeric"
            defaultValue={params.minOrders ?? ""}
            className={control}
          />
        </label>
        {options
          ? select(
              "category",
              "Favourite category",
              options.categories.map((c) => [c, c]),
            )
          : null}
        {options
          ? select(
              "tier",
              "Loyalty tier",
              options.tiers.map((t) => [t.id, t.name]),
            )
          : null}
        {select("email", "Email consent", [
          ["yes", "Given"],
          ["no", "Not given"],
        ])}
        {select("sms", "SMS consent", [
          ["yes", "Given"],
          ["no", "Not given"],
        ])}
        {select("purchaser", "Purchaser", [
          ["adult_use", "Adult-use"],
          ["medical", "Medical patient"],
        ])}
        <div className="flex items-end gap-2">
          <button className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white">Filter</button>
          <Link href="/dashboard/customers" className="min-h-11 content-center px-2 underline">
            Clear
          </Link>
        </div>
      </form>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Customer</TableHead>
            <TableHead className="text-right">Orders</TableHead>
            <TableHead className="text-right">Spent</TableHead>
            <TableHead>Last order</TableHead>
            <TableHead>Tier</TableHead>
            <TableHead>Email consent</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.length ? (
            page.items.map((c) => (
              <TableRow key={c.id}>
                <TableCell>
                  <Link href={`/dashboard/customers/${c.id}`} className="font-medium text-brand underline">
                    {c.name ?? c.email}
                  </Link>
                  <span className="block text-xs text-stone-600">
                    {c.email}
                    {c.isMedicalPatient ? " · medical" : ""}
                  </span>
                </TableCell>
                <TableCell className="text-right tabular-nums">{c.orders}</TableCell>
                <TableCell className="text-right tabular-nums">{formatCents(c.totalCents)}</TableCell>
                <TableCell>
                  {c.lastOrderAt ? formatDateTime(c.lastOrderAt, page.timeZone) : "Never"}
                </TableCell>
                <TableCell>{c.tier ?? "—"}</TableCell>
                <TableCell>{c.emailConsent ? "Yes" : "No"}</TableCell>
              </TableRow>
            ))
          ) : (
            <TableEmpty colSpan={6}>No customers match.</TableEmpty>
          )}
        </TableBody>
      </Table>
      {page.nextCursor ? (
        <Link
          href={`/dashboard/customers?${next.toString()}`}
          className="self-start font-semibold text-brand underline"
        >
          Next page
        </Link>
      ) : null}
    </div>
  );
}
