"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Card } from "@cannasaas/ui/card";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { pointsAdjustmentInput } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** A manager's correction with its reason; negative numbers take points away (never below zero). */
export function AdjustPointsForm({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const adjust = useMutation(trpc.loyaltyAdmin.adjust.mutationOptions({ onSuccess: () => router.refresh() }));
  const form = useZodForm(pointsAdjustmentInput, {
    defaultValues: { customerId, points: 0, reason: "" },
  });
  return (
    <Card className="p-5">
      <Form
        form={form}
        onSubmit={async (values) => {
          await adjust.mutateAsync(values);
          form.reset({ customerId, points: 0, reason: "" });
        }}
        describeError={describeError}
        className="flex flex-col gap-3 sm:flex-row sm:items-end"
      >
        <FormField
          label="Points (negative to remove)"
          name="points"
          type="number"
          inputMode="numeric"
          rules={{ valueAsNumber: true }}
        />
        <FormField label="Reason" name="reason" className="flex-1" />
        <FormSubmit>Adjust points</FormSubmit>
      </Form>
      {adjust.isSuccess ? (
        <p role="status" className="mt-2 text-sm">
          Saved. New balance: {adjust.data.balance} points.
        </p>
      ) : null}
    </Card>
  );
}
