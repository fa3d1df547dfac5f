"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { reviewInput } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** Shown to shoppers who bought the product here and have not reviewed it yet; reviews wait for moderation. */
export function ReviewForm({ productId, productName }: { productId: string; productName: string }) {
  const trpc = useTRPC();
  const mine = useQuery(trpc.reviews.mine.queryOptions({ productId }, { retry: false }));
  const submit = useMutation(trpc.reviews.submit.mutationOptions({ onSuccess: () => void mine.refetch() }));
  const form = useZodForm(reviewInput, { defaultValues: { productId, rating: 5, title: "", body: "" } });
  if (mine.isError)
    return (
      <p className="text-sm text-stone-600">
        Shoppers who bought {productName} here can review it once signed in.
      </p>
    );
  if (mine.isPending) return null;
  if (mine.data.review) {
    const { status, rejectionReason } = mine.data.review;
    return (
      <Notice tone={status === "rejected" ? "error" : "info"}>
        {status === "pending"
          ? "Thank you: your review is waiting for the store's approval."
          : status === "approved"
            ? "Your review is published."
            : `Your review was not published: ${rejectionReason ?? "no reason given"}.`}
      </Notice>
    );
  }
  if (!mine.data.canReview)
    return (
      <p className="text-sm text-stone-600">Only shoppers who bought {productName} here can review it.</p>
    );
  return (
    <Form
      form={form}
      onSubmit={(values) => submit.mutateAsync(values)}
      describeError={describeError}
      className="flex flex-col gap-3 border-t border-stone-200 pt-4"
    >
      <h3 className="font-semibold">Review {productName}</h3>
      <FormItem name="rating" label="Rating" rules={{ valueAsNumber: true }}>
        {(control) => (
          <select {...control} className="min-h-11 rounded-lg border border-stone-300 bg-white px-3">
            {[5, 4, 3, 2, 1].map((n) => (
              <option key={n} value={n}>
                {n} {n === 1 ? "star" : "stars"}
              </option>
            ))}
          </select>
        )}
      </FormItem>
      <FormField label="Title (optional)" name="title" />
      <FormItem name="body" label="Your review">
        {(control) => <textarea {...control} rows={4} className="rounded-lg border border-stone-300 p-3" />}
      </FormItem>
      <p className="text-xs text-stone-600">
        Describe taste, effects and experience. Reviews that make medical claims are not published.
      </p>
      <FormSubmit>Submit review</FormSubmit>
    </Form>
  );
}

export function HelpfulButton({ reviewId, count }: { reviewId: string; count: number }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(count);
  const vote = useMutation(
    trpc.reviews.voteHelpful.mutationOptions({ onSuccess: (r) => setShown(r.helpfulCount) }),
  );
  return (
    <div className="flex items-center gap-2 text-sm">
      <Button
        variant="secondary"
        onClick={() => vote.mutate({ reviewId })}
        disabled={vote.isPending || vote.isSuccess}
      >
        Helpful ({shown})
      </Button>
      {vote.isError ? <span role="alert">{describeError(vote.error).message}</span> : null}
    </div>
  );
}
