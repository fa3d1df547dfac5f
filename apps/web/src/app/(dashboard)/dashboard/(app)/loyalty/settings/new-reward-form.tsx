"use client";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { Form, FormField, FormItem, FormRootError, FormSubmit, useZodForm } from "@cannasaas/ui/form";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { loyaltyRewardInput } from "@cannasaas/validators";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";

const inputClass = "min-h-11 rounded-lg border border-stone-300 px-3";

const fields = z.object({
  name: z.string(),
  kind: z.enum(["amount_off", "free_item"]),
  pointsCost: z.string(),
  dollars: z.string(),
  variantId: z.string(),
});
type RewardFields = z.input<typeof fields>;
const DEFAULTS: RewardFields = {
  name: "",
  kind: "amount_off",
  pointsCost: "100",
  dollars: "5",
  variantId: "",
};

/** A typed number; NaN when empty or not a number. */
const num = (v: string) => (v.trim() ? Number(v) : NaN);
/** What `createReward` takes: dollars off as cents, or the free item. */
const rewardPayload = (v: RewardFields) => ({
  name: v.name,
  kind: v.kind,
  pointsCost: num(v.pointsCost),
  amountOffCents: v.kind === "amount_off" ? Math.round(num(v.dollars) * 100) : null,
  variantId: v.kind === "free_item" ? v.variantId || null : null,
});
const fieldOf = ([name]: readonly PropertyKey[]) =>
  name === "amountOffCents" ? "dollars" : typeof name === "string" && name in fields.shape ? name : null;
const rewardFormSchema = convertedSchema(fields, rewardPayload, loyaltyRewardInput, fieldOf);

/** Adds a reward to the catalog; the fields start over once it is added. */
export function NewRewardForm({
  variants,
  onCreated,
}: {
  variants: Array<{ id: string; label: string }>;
  onCreated: () => void;
}) {
  const trpc = useTRPC();
  const form = useZodForm(rewardFormSchema, { defaultValues: DEFAULTS });
  const kind = form.watch("kind");
  const create = useMutation(trpc.loyaltyAdmin.createReward.mutationOptions());
  return (
    <Form
      form={form}
      className="grid gap-3 sm:grid-cols-2"
      showRootError={false}
      describeError={(error) => describeFormError(error, fieldOf)}
      onSubmit={async (values) => {
        await create.mutateAsync(rewardPayload(values));
        form.reset(DEFAULTS);
        onCreated();
      }}
    >
      <h3 className="font-semibold sm:col-span-2">New reward</h3>
      <FormField name="name" label="Name" />
      <FormItem name="kind" label="Kind">
        {(control) => (
          <select {...control} className={inputClass}>
            <option value="amount_off">Dollars off the order</option>
            <option value="free_item">A free item</option>
          </select>
        )}
      </FormItem>
      <FormField name="pointsCost" label="Points it costs" type="number" min={1} />
      {kind === "amount_off" ? (
        <FormField name="dollars" label="Dollars off" type="number" min={0.01} step={0.01} />
      ) : (
        <FormItem name="variantId" label="Free item (one unit, when it is in the cart)">
          {(control) => (
            <select {...control} className={inputClass}>
              <option value="">Choose a product</option>
              {variants.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          )}
        </FormItem>
      )}
      <div className="sm:col-span-2">
        <FormSubmit>Add reward</FormSubmit>
      </div>
      <FormRootError className="sm:col-span-2" />
    </Form>
  );
}
