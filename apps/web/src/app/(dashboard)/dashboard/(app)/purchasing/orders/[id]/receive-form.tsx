"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { Card, CardTitle, Notice } from "@cannasaas/ui/card";
import { Form, FormItem, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";
import { receiptsOf, receiveDefaults, receiveFormSchema, type Line } from "./receive-form-values";

const input = "min-h-11 rounded-lg border border-stone-300 bg-white px-2";

/** Receive a delivery: per line, the units that arrived and the METRC package they came in. */
export function ReceiveForm({ purchaseOrderId, lines }: { purchaseOrderId: string; lines: Line[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const receive = useMutation(trpc.purchasing.receive.mutationOptions());
  // After a partial delivery the page refreshes with less to come: check against what is still outstanding.
  const schema = useMemo(() => receiveFormSchema(lines), [lines]);
  const [defaults] = useState(() => receiveDefaults(lines));
  const form = useZodForm(schema, { defaultValues: defaults });
  const [done, setDone] = useState("");

  return (
    <Card>
      <CardTitle>Receive a delivery</CardTitle>
      <Form
        form={form}
        aria-label="Receive a delivery"
        showRootError={false}
        describeError={(error) => describeFormError(error, () => null)}
        onSubmit={async (values) => {
          setDone("");
          const order = await receive.mutateAsync({
            purchaseOrderId,
            receipts: receiptsOf(lines, values).map((r) => r.receipt),
          });
          setDone(
            order.status === "received"
              ? "Everything on this order is received."
              : "Received; the rest is still to come.",
          );
          router.refresh();
        }}
      >
        {lines.map((l) => (
          <fieldset key={l.id} className="flex flex-wrap items-start gap-3 border-t border-stone-200 pt-3">
            <legend className="text-sm font-medium">
              {l.label} <span className="text-stone-600">({l.outstanding} to come)</span>
            </legend>
            <FormItem name={`lines.${l.id}.quantity`} label="Units received">
              {(control) => (
                <input {...control} type="number" min={0} inputMode="numeric" className={`${input} w-28`} />
              )}
            </FormItem>
            <FormItem name={`lines.${l.id}.packageLabel`} label="METRC package label">
              {(control) => (
                <input
                  {...control}
                  maxLength={40}
                  autoCapitalize="characters"
                  className={`${input} w-72 max-w-full font-mono`}
                />
              )}
            </FormItem>
            <FormItem name={`lines.${l.id}.expiresOn`} label="Expiry date (optional)">
              {(control) => <input {...control} type="date" className={input} />}
            </FormItem>
          </fieldset>
        ))}
        <FormRootError />
        {done ? <Notice tone="success">{done}</Notice> : null}
        <div>
          <FormSubmit pending="Receiving…">Receive into stock</FormSubmit>
        </div>
      </Form>
    </Card>
  );
}
