import { EmptyState } from "@cannasaas/ui/card";
import { formatDateTime } from "~/lib/format";
import type { serverApi } from "~/server/trpc";
import { HelpfulButton } from "./helpful-button";
import { ReviewForm } from "./review-form";
import { SignInToReview } from "./sign-in-to-review";

type Data = Awaited<ReturnType<Awaited<ReturnType<typeof serverApi>>["reviews"]["forProduct"]>>;

/**
 * The rating summary with its distribution, the approved reviews, and the form for verified purchasers (for a
 * guest, a line saying to sign in: the form and its checks load only for signed-in shoppers).
 */
export function ProductReviews({
  productId,
  productName,
  data,
  timeZone,
  signedIn,
}: {
  productId: string;
  productName: string;
  data: Data;
  timeZone: string;
  signedIn: boolean;
}) {
  const { summary, reviews } = data;
  return (
    <section
      id="reviews"
      aria-labelledby="reviews-heading"
      className="flex flex-col gap-4 rounded-xl bg-white p-5 shadow-sm"
    >
      <h2 id="reviews-heading" className="text-lg font-semibold">
        Reviews
      </h2>
      {summary.count ? (
        <div
          className="flex flex-col gap-1 sm:flex-row sm:items-center sm:gap-6"
          data-testid="rating-summary"
        >
          <p className="text-3xl font-bold">
            {summary.average?.toFixed(1)}
            <span className="text-base font-normal text-stone-600"> out of 5 ({summary.count})</span>
          </p>
          <dl className="grid grid-cols-[auto_1fr_auto] items-center gap-x-2 text-sm">
            {[...summary.distribution].reverse().map((d) => (
              <div key={d.stars} className="contents">
                <dt>{d.stars} stars</dt>
                <dd className="h-2 w-32 overflow-hidden rounded-full bg-stone-200" aria-hidden>
                  <div
                    className="h-full bg-amber-500"
                    style={{ width: `${(d.count * 100) / summary.count}%` }}
                  />
                </dd>
                <dd>{d.count}</dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
      {reviews.length ? (
        <ul className="flex flex-col divide-y divide-stone-100" aria-label={`Reviews of ${productName}`}>
          {reviews.map((r) => (
            <li key={r.id} className="flex flex-col gap-1 py-3">
              <p className="font-semibold">
                <span aria-label={`${r.rating} out of 5 stars`}>
                  {"★".repeat(r.rating)}
                  <span className="text-stone-300">{"★".repeat(5 - r.rating)}</span>
                </span>{" "}
                {r.title}
              </p>
              <p className="whitespace-pre-line text-stone-800">{r.body}</p>
              <p className="text-xs text-stone-600">
                {r.reviewer} · verified purchase · {formatDateTime(r.createdAt, timeZone)}
              </p>
              {r.ownerReply ? (
                <p className="ml-4 rounded-lg bg-stone-100 p-2 text-sm">
                  <span className="font-semibold">Reply from the store:</span> {r.ownerReply}
                </p>
              ) : null}
              <HelpfulButton reviewId={r.id} count={r.helpfulCount} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState>No reviews yet.</EmptyState>
      )}
      {signedIn ? (
        <ReviewForm productId={productId} productName={productName} />
      ) : (
        <SignInToReview productName={productName} />
      )}
    </section>
  );
}
