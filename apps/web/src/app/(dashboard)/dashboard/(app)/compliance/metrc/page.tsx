import type { Metadata } from "next";
import { TRPCError } from "@trpc/server";
import { can } from "@cannasaas/auth/rbac";
import { Card, Notice } from "@cannasaas/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { CredentialsForm } from "./credentials-form";
import { DISCREPANCY_LABELS, formatLag, formatWhen, KIND_LABELS, STATUS_LABELS } from "./format";
import { RetryButton, RunNowButtons } from "./queue-actions";

export const metadata: Metadata = { title: "METRC" };

async function load() {
  const api = await serverApi();
  try {
    const [overview, items, discrepancies] = await Promise.all([
      api.metrc.overview(),
      api.metrc.items({ statuses: ["pending", "in_flight", "failed", "dead"], limit: 200 }),
      api.metrc.discrepancies(),
    ]);
    return { overview, items, discrepancies };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") return error.message;
    throw error;
  }
}

export default async function MetrcPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  const data = await load();
  if (typeof data === "string") return <Notice tone="error">{data}</Notice>;
  const { overview, items, discrepancies } = data;
  const canManage = can(active.role, "compliance.manage");
  const attention = items.filter((i) => i.status === "dead" || i.status === "failed");

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">METRC</h1>
          <p className="text-sm text-stone-600">
            Completed sales, refunds and stock adjustments are reported to the state&apos;s track-and-trace
            system.
          </p>
        </div>
        {canManage ? <RunNowButtons timeZone={active.timeZone} /> : null}
      </div>

      {!overview.platform.vendorKey ? (
        <Notice tone="info">
          METRC is not configured on this server (no vendor key), so nothing is sent: reports wait in the
          queue below until it is.
        </Notice>
      ) : null}
      {!overview.platform.encryption ? (
        <Notice tone="error">
          The server has no encryption key, so METRC user keys cannot be stored or used.
        </Notice>
      ) : null}

      <section aria-labelledby="locations-heading" className="flex flex-col gap-3">
        <h2 id="locations-heading" className="text-lg font-semibold">
          Locations
        </h2>
        {overview.locations.length === 0 ? <p className="text-sm text-stone-600">No locations yet.</p> : null}
        <ul className="grid gap-4 lg:grid-cols-2">
          {overview.locations.map((l) => (
            <li key={l.id}>
              <Card className="flex flex-col gap-4">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-semibold">{l.name}</h3>
                  <span className="text-sm text-stone-600">
                    {l.state} · license {l.licenseNumber ?? "not set"}
                  </span>
                </div>
                <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
                  {(
                    [
                      ["Pending", l.counts.pending + l.counts.in_flight],
                      ["Failed", l.counts.failed],
                      ["Needs attention", l.counts.dead],
                      ["Sent", l.counts.sent],
                    ] as const
                  ).map(([label, n]) => (
                    <div key={label} className="rounded-lg bg-stone-50 p-2">
                      <dt className="text-stone-600">{label}</dt>
                      <dd className="text-lg font-semibold">{n}</dd>
                    </div>
                  ))}
                </dl>
                <p className="text-sm text-stone-700">
                  Sync lag: <strong>{formatLag(l.lagSeconds)}</strong>
                  {l.oldestUnsentAt
                    ? ` (oldest waiting since ${formatWhen(l.oldestUnsentAt, active.timeZone)})`
                    : ""}
                  . Last report sent: {formatWhen(l.lastSentAt, active.timeZone)}.
                </p>
                {l.lastReconciliation ? (
                  <p className="text-sm text-stone-700">
                    Last reconciliation {formatWhen(l.lastReconciliation.startedAt, active.timeZone)}:{" "}
                    {l.lastReconciliation.status === "completed"
                      ? `${l.lastReconciliation.discrepancyCount} difference(s) over ${l.lastReconciliation.packagesInMetrc} METRC packages`
                      : l.lastReconciliation.status === "failed"
                        ? `failed: ${l.lastReconciliation.error ?? "unknown error"}`
                        : "running"}
                    .
                  </p>
                ) : null}
                {!l.usesMetrc ? (
                  <Notice tone="info">
                    {l.state} does not use METRC for track and trace, so nothing from this location is
                    reported to METRC and no METRC key is needed.
                  </Notice>
                ) : null}
                {l.usesMetrc ? (
                  <CredentialsForm
                    timeZone={active.timeZone}
                    locationId={l.id}
                    locationName={l.name}
                    licenseNumber={l.credentials?.licenseNumber ?? l.licenseNumber}
                    credentials={l.credentials}
                    canManage={canManage}
                  />
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="queue-heading" className="flex flex-col gap-3">
        <h2 id="queue-heading" className="text-lg font-semibold">
          Waiting and failed reports ({items.length})
        </h2>
        {items.length === 0 ? (
          <p className="text-sm text-stone-600">Everything has been reported.</p>
        ) : (
          <Table className="min-w-[40rem]">
            <TableCaption>
              Reports not yet accepted by METRC ({attention.length} failed or needing attention)
            </TableCaption>
            <TableHeader className="text-stone-700">
              <tr>
                <TableHead className="p-2">Report</TableHead>
                <TableHead className="p-2">Location</TableHead>
                <TableHead className="p-2">Status</TableHead>
                <TableHead className="p-2">Attempts</TableHead>
                <TableHead className="p-2">Last error</TableHead>
                {canManage ? (
                  <TableHead className="p-2">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                ) : null}
              </tr>
            </TableHeader>
            <TableBody>
              {items.map((i) => {
                const label =
                  `${KIND_LABELS[i.kind]} ${i.kind === "adjustment" ? "" : `#${i.externalNumber}`}`.trim();
                return (
                  <tr key={i.id} className="align-top">
                    <TableCell className="p-2 font-medium">{label}</TableCell>
                    <TableCell className="p-2">{i.location}</TableCell>
                    <TableCell className="p-2">
                      {STATUS_LABELS[i.status]}
                      {i.status === "failed" ? (
                        <span className="block text-xs text-stone-600">
                          next try {formatWhen(i.nextAttemptAt, active.timeZone)}
                        </span>
                      ) : null}
                    </TableCell>
                    <TableCell className="p-2">{i.attempts}</TableCell>
                    <TableCell className="max-w-md p-2 text-stone-700">
                      {i.problem ?? i.lastError ?? "—"}
                    </TableCell>
                    {canManage ? (
                      <TableCell className="p-2">
                        {i.status === "dead" || i.status === "failed" ? (
                          <RetryButton itemId={i.id} label={label} />
                        ) : null}
                      </TableCell>
                    ) : null}
                  </tr>
                );
              })}
            </TableBody>
          </Table>
        )}
      </section>

      <section aria-labelledby="recon-heading" className="flex flex-col gap-3">
        <h2 id="recon-heading" className="text-lg font-semibold">
          Reconciliation differences ({discrepancies.length})
        </h2>
        <p className="text-sm text-stone-600">
          Nightly, each location&apos;s active packages in METRC are compared with our lots. Reports still
          waiting above explain some differences.
        </p>
        {discrepancies.length === 0 ? (
          <p className="text-sm text-stone-600">No differences in the last comparison.</p>
        ) : (
          <Table className="min-w-[36rem]">
            <TableHeader className="text-stone-700">
              <tr>
                <TableHead className="p-2">Package</TableHead>
                <TableHead className="p-2">Location</TableHead>
                <TableHead className="p-2">Difference</TableHead>
                <TableHead className="p-2">Ours</TableHead>
                <TableHead className="p-2">METRC</TableHead>
              </tr>
            </TableHeader>
            <TableBody>
              {discrepancies.map((d) => (
                <tr key={d.id}>
                  <TableCell className="p-2 font-mono text-xs">{d.packageLabel}</TableCell>
                  <TableCell className="p-2">{d.location}</TableCell>
                  <TableCell className="p-2">{DISCREPANCY_LABELS[d.kind]}</TableCell>
                  <TableCell className="p-2">{d.localQuantity ?? "—"}</TableCell>
                  <TableCell className="p-2">
                    {d.metrcQuantity ?? "—"} {d.metrcUnit ?? ""}
                  </TableCell>
                </tr>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
    </div>
  );
}
