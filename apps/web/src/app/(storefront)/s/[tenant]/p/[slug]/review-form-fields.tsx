"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormItem, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { reviewInput } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { SignInToReview } from "./sign-in-to-review";

/**
 * For a signed-in shopper: the form when they bought the product here and have not reviewed it yet (reviews
 * wait for moderation), else where their review stands or why they cannot review. Guests never load it: the
 * page tells them on the server, so a guest's product page carries no form code.
 */
export default function ReviewFormFields({
  productId,
  productName,
}: {
  productId: string;
  productName: string;
}) {
  const trpc = useTRPC();
  const mine = useQuery(trpc.reviews.mine.queryOptions({ productId }, { retry: false }));
  const submit = useMutation(trpc.reviews.submit.mutationOptions({ onSuccess: () => void mine.refetch() }));
  const form = useZodForm(reviewInput, { defaultValues: { productId, rating: 5, title: "", body: "" } });
  if (mine.isError) return <SignInToReview productName={productName} />;
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
