import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@cannasaas/auth/rbac";
import { REVIEW_STATUSES, type ReviewStatus } from "@cannasaas/core";
import { Badge } from "@cannasaas/ui/badge";
import { Card, EmptyState, Notice } from "@cannasaas/ui/card";
import { formatDateTime } from "~/lib/format";
import { dashboardSession } from "~/server/dashboard";
import { serverApi } from "~/server/trpc";
import { ModerationActions, ReplyForm } from "./review-actions";

export const metadata: Metadata = { title: "Reviews" };

const TAB_LABELS: Record<ReviewStatus, string> = {
  pending: "Waiting",
  approved: "Published",
  rejected: "Rejected",
};

export default async function ReviewsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { active } = await dashboardSession();
  if (!active) return null;
  if (!can(active.role, "reviews.moderate"))
    return <Notice tone="error">Your role cannot moderate reviews.</Notice>;
  const asked = (await searchParams).status;
  const status: ReviewStatus = REVIEW_STATUSES.find((s) => s === asked) ?? "pending";
  const api = await serverApi();
  const [reviews, overview] = await Promise.all([
    api.reviewsAdmin.queue({ status }),
    api.organization.overview(),
  ]);
  const timeZone = overview.organization.timeZone;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Reviews</h1>
      <nav aria-label="Review status" className="flex gap-2">
        {REVIEW_STATUSES.map((s) => (
          <Link
            key={s}
            href={`/dashboard/reviews?status=${s}`}
            aria-current={s === status ? "page" : undefined}
            className={`min-h-11 rounded-lg px-4 py-2 text-sm font-semibold ${s === status ? "bg-brand text-white" : "border border-stone-300 bg-white"}`}
          >
            {TAB_LABELS[s]}
          </Link>
        ))}
      </nav>
      {reviews.length ? (
        <ul className="flex flex-col gap-3">
          {reviews.map((r) => (
            <Card as="li" key={r.id} data-testid="review-item" className="flex flex-col gap-2">
              <p className="font-semibold">
                {r.productName} · {r.rating} of 5 stars
              </p>
              {r.title ? <p className="font-medium">{r.title}</p> : null}
              <p className="whitespace-pre-line">{r.body}</p>
              <p className="text-xs text-stone-600">
                {r.reviewer ?? "Customer"} · {formatDateTime(r.createdAt, timeZone)} · {r.helpfulCount} found
                it helpful
              </p>
              {r.flaggedTerms.length ? (
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone="warning">Possible medical claim</Badge>
                  Words to check: {r.flaggedTerms.join(", ")}
                </p>
              ) : null}
              {r.rejectionReason ? <p className="text-sm">Rejected: {r.rejectionReason}</p> : null}
              {status === "pending" ? <ModerationActions reviewId={r.id} /> : null}
              {status === "approved" ? <ReplyForm reviewId={r.id} current={r.ownerReply} /> : null}
            </Card>
          ))}
        </ul>
      ) : (
        <EmptyState>{status === "pending" ? "No reviews waiting." : "None yet."}</EmptyState>
      )}
    </div>
  );
}
