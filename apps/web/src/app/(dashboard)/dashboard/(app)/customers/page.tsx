import type { Metadata } from "next";
import Link from "next/link";
import type { RouterOutputs } from "@cannasaas/api";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { ListTable } from "@cannasaas/ui/table";
import { NameCell } from "~/components/dashboard/name-cell";
import { filtersFromParams, type CustomerSearchParams } from "~/components/marketing/customer-filters";
import { formatCents, formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Customers" };

const control = "min-h-11 rounded-lg border border-stone-300 bg-white px-3";
const label = "flex flex-col gap-1 text-sm font-medium text-stone-800";

/** The whole-number filters, each a text box named as its query parameter. */
const NUMBER_FILTERS: Array<[name: keyof CustomerSearchParams, text: string]> = [
  ["orderedWithin", "Ordered in the last (days)"],
  ["notOrderedWithin", "No order in the last (days)"],
  ["minSpend", "Spent at least ($)"],
  ["minOrders", "At least (orders)"],
];
type Choices = Array<[value: string, text: string]>;
const CONSENT: Choices = [
  ["yes", "Given"],
  ["no", "Not given"],
];
const PURCHASERS: Choices = [
  ["adult_use", "Adult-use"],
  ["medical", "Medical patient"],
];
type Customer = RouterOutputs["marketing"]["customers"]["items"][number];

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
  const selects: Array<[name: keyof CustomerSearchParams, text: string, choices: Choices]> = [
    ...(options
      ? ([
          ["category", "Favourite category", options.categories.map((c) => [c, c])],
          ["tier", "Loyalty tier", options.tiers.map((t) => [t.id, t.name])],
        ] satisfies Array<[keyof CustomerSearchParams, string, Choices]>)
      : []),
    ["email", "Email consent", CONSENT],
    ["sms", "SMS consent", CONSENT],
    ["push", "Web push consent", CONSENT],
    ["purchaser", "Purchaser", PURCHASERS],
  ];
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
        {NUMBER_FILTERS.map(([name, text]) => (
          <label key={name} className={label}>
            {text}
            <input name={name} inputMode="numeric" defaultValue={params[name] ?? ""} className={control} />
          </label>
        ))}
        {selects.map(([name, text, choices]) => (
          <label key={name} className={label}>
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
        ))}
        <div className="flex items-end gap-2">
          <button className="min-h-11 rounded-lg bg-brand px-4 font-semibold text-white">Filter</button>
          <Link href="/dashboard/customers" className="min-h-11 content-center px-2 underline">
            Clear
          </Link>
        </div>
      </form>
      <ListTable<Customer>
        caption="Customers"
        rows={page.items}
        rowKey={(c) => c.id}
        empty="No customers match."
        columns={[
          {
            header: "Customer",
            cell: (c) => (
              <NameCell
                href={`/dashboard/customers/${c.id}`}
                name={c.name ?? c.email}
                detail={`${c.email}${c.isMedicalPatient ? " · medical" : ""}`}
              />
            ),
          },
          { header: "Orders", numeric: true, cell: (c) => c.orders },
          { header: "Spent", numeric: true, cell: (c) => formatCents(c.totalCents) },
          {
            header: "Last order",
            cell: (c) => (c.lastOrderAt ? formatDateTime(c.lastOrderAt, page.timeZone) : "Never"),
          },
          { header: "Tier", cell: (c) => c.tier ?? "—" },
          { header: "Email consent", cell: (c) => (c.emailConsent ? "Yes" : "No") },
        ]}
      />
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
