import type { Metadata } from "next";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Audit trail" };

const FILTERS = ["actor", "action", "resourceType", "resourceId", "from", "to"] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

const inputClass =
  "min-h-11 rounded-lg border border-stone-300 bg-white px-3 text-base shadow-sm focus:border-brand focus:outline-none focus:ring-2 focus:ring-brand/30";

function FilterField({
  name,
  label,
  value,
  type = "text",
}: {
  name: string;
  label: string;
  value?: string;
  type?: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm font-medium text-stone-800">
      {label}
      <input name={name} type={type} defaultValue={value ?? ""} className={inputClass} />
    </label>
  );
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "audit.read")) {
    return <Notice tone="error">Your role cannot see the audit trail. Ask an owner or admin.</Notice>;
  }
  const params = await searchParams;
  const filters: Filters = {};
  for (const key of FILTERS) {
    const value = params[key];
    if (typeof value === "string" && value.trim()) filters[key] = value.trim();
  }
  const cursor =
    typeof params.cursor === "string" && /^\d+$/.test(params.cursor) ? Number(params.cursor) : undefined;
  const page = await (
    await serverApi()
  ).audit
    .list({ ...filters, cursor, limit: 50 })
    .catch((error: unknown) => {
      if (error instanceof TRPCError && error.code === "BAD_REQUEST") return error.message;
      throw error;
    });
  const older =
    typeof page === "object" && page.nextCursor
      ? `/dashboard/audit?${new URLSearchParams({ ...filters, cursor: String(page.nextCursor) })}`
      : null;
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Audit trail</h1>
        <Link href="/dashboard/audit/verify" className="font-medium text-brand underline underline-offset-4">
          Verify integrity
        </Link>
      </div>
      <p className="text-stone-700">
        Every change made in the dashboard, on the storefront, through the API or by a scheduled job, newest
        first. Records cannot be edited or deleted, and each is chained to the one before it.
      </p>

      <form
        method="get"
        aria-label="Filter the audit trail"
        className="grid gap-3 rounded-xl border border-stone-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
      >
        <FilterField name="actor" label="Actor (email, job or id)" value={filters.actor} />
        <FilterField name="action" label="Action starts with" value={filters.action} />
        <FilterField name="resourceType" label="Resource type" value={filters.resourceType} />
        <FilterField name="resourceId" label="Resource id" value={filters.resourceId} />
        <FilterField name="from" label="From (UTC)" type="date" value={filters.from} />
        <FilterField name="to" label="To (UTC, inclusive)" type="date" value={filters.to} />
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3">
          <button className="min-h-11 rounded-lg bg-brand px-4 text-sm font-semibold text-white">
            Apply filters
          </button>
          <Link
            href="/dashboard/audit"
            className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold"
          >
            Clear
          </Link>
        </div>
      </form>

      {typeof page === "string" ? (
        <Notice tone="error">{page}</Notice>
      ) : page.events.length === 0 ? (
        <EmptyState>No records match these filters.</EmptyState>
      ) : (
        <Table>
          <TableCaption>Audit records</TableCaption>
          <TableHeader className="text-stone-700">
            <tr>
              <TableHead>#</TableHead>
              <TableHead>When</TableHead>
              <TableHead>Actor</TableHead>
              <TableHead>Action</TableHead>
              <TableHead>Resource</TableHead>
              <TableHead>IP</TableHead>
              <TableHead>Details</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {page.events.map((e) => (
              <tr key={e.id} data-testid="audit-row" className="align-top">
                <TableCell className="tabular-nums">{e.seq}</TableCell>
                <TableCell className="whitespace-nowrap">{formatDateTime(e.createdAt, "UTC")} UTC</TableCell>
                <TableCell>
                  {e.actorLabel ?? e.actorId ?? "anonymous"}
                  <span className="block text-xs text-stone-500">{e.actorKind}</span>
                </TableCell>
                <TableCell className="font-mono text-xs">{e.action}</TableCell>
                <TableCell className="text-xs">
                  {e.resourceType ? `${e.resourceType} ${e.resourceId ?? ""}` : "—"}
                </TableCell>
                <TableCell className="text-xs">{e.ip ?? "—"}</TableCell>
                <TableCell>
                  <details>
                    <summary className="cursor-pointer text-brand">Show</summary>
                    <dl className="mt-2 flex max-w-xl flex-col gap-2 text-xs">
                      {(["input", "before", "after"] as const).map((k) =>
                        e[k] === null ? null : (
                          <div key={k}>
                            <dt className="font-semibold capitalize">{k}</dt>
                            <dd>
                              <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2">
                                {json(e[k])}
                              </pre>
                            </dd>
                          </div>
                        ),
                      )}
                      <div>
                        <dt className="font-semibold">Request</dt>
                        <dd className="break-all">{e.requestId ?? "—"}</dd>
                      </div>
                      <div>
                        <dt className="font-semibold">Hash</dt>
                        <dd className="break-all font-mono">{e.hash}</dd>
                      </div>
                    </dl>
                  </details>
                </TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
      {older ? (
        <Link href={older} className="self-start font-medium text-brand underline underline-offset-4">
          Older records
        </Link>
      ) : null}

      <Card as="section" aria-labelledby="export-heading" className="flex flex-col gap-3">
        <h2 id="export-heading" className="text-lg font-semibold">
          Export for a regulator
        </h2>
        <p className="text-sm text-stone-700">
          A CSV of every record in the date range (UTC), with hashes so the copy can be checked. Large ranges
          stream; the export itself is recorded in the trail.
        </p>
        <form method="get" action="/dashboard/audit/export" className="flex flex-wrap items-end gap-3">
          <FilterField name="from" label="From" type="date" value={monthAgo} />
          <FilterField name="to" label="To (inclusive)" type="date" value={today} />
          <button className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold">
            Download CSV
          </button>
        </form>
      </Card>
    </div>
  );
}
