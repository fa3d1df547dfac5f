import type { Metadata } from "next";
import { can } from "@cannasaas/auth/rbac";
import { Badge, type BadgeTone } from "@cannasaas/ui/badge";
import { Card, Notice } from "@cannasaas/ui/card";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { ReviewActions } from "./review-actions";

export const metadata: Metadata = { title: "ID review" };

const KIND_LABEL = { government_id: "Government ID", medical_card: "Medical card" } as const;
const STATUS_TONE = {
  pending: "warning",
  approved: "success",
  rejected: "danger",
} as const satisfies Record<string, BadgeTone>;

export default async function IdReviewPage() {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "customers.review_id")) {
    return <Notice tone="error">Your role cannot review IDs.</Notice>;
  }
  const queue = await (await serverApi()).idReview.queue();
  const pending = queue.filter((d) => d.status === "pending").length;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">ID review</h1>
      <p className="text-stone-700">
        {pending === 0 ? "Nothing waiting for review." : `${pending} waiting, oldest first.`}
      </p>
      <ul className="flex flex-col gap-3">
        {queue.map((d) => {
          const fileUrl = `/dashboard/id-review/${d.id}/file`;
          return (
            <Card
              as="li"
              key={d.id}
              data-testid="id-review-item"
              className="grid gap-4 md:grid-cols-[16rem_1fr]"
            >
              {d.fileContentType === "application/pdf" ? (
                <a
                  href={fileUrl}
                  target="_blank"
                  rel="noreferrer"
                  className="font-medium text-brand underline"
                >
                  Open the PDF
                </a>
              ) : (
                // eslint-disable-next-line @next/next/no-img-element -- a private, per-request image
                <img
                  src={fileUrl}
                  alt={`${KIND_LABEL[d.kind]} of ${d.customerName ?? "the customer"}`}
                  className="max-h-64 w-full rounded-lg bg-stone-100 object-contain"
                />
              )}
              <div className="flex flex-col gap-2">
                <p className="flex flex-wrap items-center gap-2 font-semibold">
                  {d.customerName ?? "Unnamed customer"}
                  <Badge tone={STATUS_TONE[d.status]} className="font-normal">
                    {d.status}
                  </Badge>
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-stone-600">Email</dt>
                  <dd>{d.customerEmail ?? "—"}</dd>
                  <dt className="text-stone-600">Date of birth</dt>
                  <dd>{d.customerDateOfBirth ?? "—"}</dd>
                  <dt className="text-stone-600">Document</dt>
                  <dd>
                    {KIND_LABEL[d.kind]} {d.documentNumber} ({d.issuingState})
                  </dd>
                  <dt className="text-stone-600">Expires</dt>
                  <dd>{d.expiresOn ?? "—"}</dd>
                  <dt className="text-stone-600">Submitted</dt>
                  <dd>{formatDateTime(d.submittedAt, active.timeZone)}</dd>
                  {d.rejectionReason ? (
                    <>
                      <dt className="text-stone-600">Reason</dt>
                      <dd>{d.rejectionReason}</dd>
                    </>
                  ) : null}
                </dl>
                {d.status === "pending" ? (
                  <ReviewActions
                    documentId={d.id}
                    askResidentState={d.kind === "government_id"}
                    issuingState={d.issuingState}
                  />
                ) : null}
              </div>
            </Card>
          );
        })}
      </ul>
    </div>
  );
}
