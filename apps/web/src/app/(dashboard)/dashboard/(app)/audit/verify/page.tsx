import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { Notice } from "@cannasaas/ui/card";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";

export const metadata: Metadata = { title: "Verify the audit trail" };

export default async function VerifyAuditPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "audit.read")) {
    return <Notice tone="error">Your role cannot see the audit trail. Ask an owner or admin.</Notice>;
  }
  const report = await (await serverApi()).audit.verify();
  return (
    <div className="flex flex-col gap-4">
      <Link
        href="/dashboard/audit"
        className="self-start text-sm font-medium text-brand underline underline-offset-4"
      >
        Back to the audit trail
      </Link>
      <h1 className="text-2xl font-bold">Audit trail integrity</h1>
      <p className="text-stone-700">
        Every record was re-hashed from its contents and checked against the record before it, from the first
        to the newest (#{report.expectedLastSeq}).
      </p>
      {report.intact ? (
        <Notice tone="success">
          Intact: all {report.checked} records are unaltered and none are missing.
        </Notice>
      ) : (
        <>
          <Notice tone="error">
            Not intact: {report.problems.length} problem{report.problems.length === 1 ? "" : "s"} found in{" "}
            {report.checked} records.
          </Notice>
          <ul className="flex flex-col gap-2">
            {report.problems.map((p, i) => (
              <li key={i} className="rounded-lg border border-red-200 bg-white p-3 text-sm">
                <span className="font-semibold">{p.kind.replace("_", " ")}: </span>
                {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
