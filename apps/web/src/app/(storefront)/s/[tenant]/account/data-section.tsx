"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Card } from "@cannasaas/ui/card";
import { Modal } from "@cannasaas/ui/dialog";
import { Form, FormField, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { deleteAccountInput } from "@cannasaas/validators";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";
import { storefrontSignOutAction } from "~/server/actions/auth";

export function DataSection({ storeName, phrase }: { storeName: string; phrase: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const form = useZodForm(deleteAccountInput, { defaultValues: { confirmation: "" } });
  const typed = form.watch("confirmation");
  const remove = useMutation(
    trpc.shopperAccount.delete.mutationOptions({
      onSuccess: async () => {
        await storefrontSignOutAction(false);
        window.location.assign("/");
      },
    }),
  );
  const matches = typed.trim().toLowerCase() === phrase;

  return (
    <Card className="flex flex-col gap-3 p-5">
      <h2 className="text-lg font-semibold">Your data</h2>
      <p className="text-sm text-stone-700">
        Download everything {storeName} keeps about you: profile, addresses, orders and ID details.
      </p>
      <a
        href="/account/export"
        download
        className="inline-flex min-h-11 items-center self-start rounded-lg border border-stone-300 bg-white px-4 text-sm font-semibold"
      >
        Download my data
      </a>
      <Button variant="danger" className="self-start" onClick={() => setOpen(true)}>
        Delete my account
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title="Delete your account?"
        description={`This removes your profile, addresses, ID images and marketing choices at ${storeName}. Your past orders are kept, without your personal details, because the law requires dispensaries to keep sales records.`}
      >
        <Form
          form={form}
          className="flex flex-col gap-3"
          describeError={(error) => describeFormError(error)}
          onSubmit={(values) => remove.mutateAsync(values)}
        >
          <FormField label={`Type "${phrase}" to confirm`} name="confirmation" autoComplete="off" />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Keep my account
            </Button>
            <FormSubmit variant="danger" disabled={!matches}>
              Delete my account
            </FormSubmit>
          </div>
        </Form>
      </Modal>
    </Card>
  );
}
