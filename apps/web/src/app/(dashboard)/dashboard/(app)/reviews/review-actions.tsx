"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { Button } from "@cannasaas/ui/button";
import { Form, FormField, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { reviewRejectReasonSchema, reviewReplySchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";

const rejectSchema = z.object({ reason: reviewRejectReasonSchema });
const replySchema = z.object({ reply: reviewReplySchema });
const row = "flex flex-col gap-2 sm:flex-row sm:items-start";

/** Approve a review, or reject it with a reason (the reason is the form's field, checked before it is sent). */
export function ModerationActions({ reviewId }: { reviewId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(rejectSchema, { defaultValues: { reason: "" } });
  const moderate = useMutation(trpc.reviewsAdmin.moderate.mutationOptions());
  const approve = async () => {
    form.clearErrors();
    try {
      await moderate.mutateAsync({ reviewId, decision: "approve" });
      router.refresh();
    } catch (error) {
      form.setError("root.server", { type: "server", message: describeError(error).message });
    }
  };
  return (
    <Form
      form={form}
      className={row}
      showRootError={false}
      describeError={(error) => describeFormError(error)}
      onSubmit={async ({ reason }) => {
        await moderate.mutateAsync({ reviewId, decision: "reject", reason });
        router.refresh();
      }}
    >
      <Button onClick={() => void approve()} disabled={moderate.isPending} className="sm:mt-6">
        Approve
      </Button>
      <FormField name="reason" label="Reason for rejecting" maxLength={300} className="flex-1" />
      <FormSubmit variant="danger" disabled={moderate.isPending} className="sm:mt-6">
        Reject
      </FormSubmit>
      <FormRootError />
    </Form>
  );
}

/** The store's public reply under an approved review. */
export function ReplyForm({ reviewId, current }: { reviewId: string; current: string | null }) {
  const trpc = useTRPC();
  const router = useRouter();
  const form = useZodForm(replySchema, { defaultValues: { reply: current ?? "" } });
  const save = useMutation(trpc.reviewsAdmin.reply.mutationOptions());
  return (
    <Form
      form={form}
      className={row}
      showRootError={false}
      describeError={(error) => describeFormError(error)}
      onSubmit={async ({ reply }) => {
        await save.mutateAsync({ reviewId, reply });
        router.refresh();
      }}
    >
      <FormField name="reply" label="Public reply from the store" maxLength={2000} className="flex-1" />
      <FormSubmit variant="secondary" className="sm:mt-6">
        Save reply
      </FormSubmit>
      {save.isSuccess ? <span role="status">Saved.</span> : null}
      <FormRootError />
    </Form>
  );
}
