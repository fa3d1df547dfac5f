"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import {
  Form,
  FormCheckbox,
  FormField,
  FormItem,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import { stockMovementFormSchema, type StockMovementFormValues } from "@cannasaas/validators/forms";
import { dollarsToCents } from "@cannasaas/core/catalog-units";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Place = { id: string; name: string };
export type MovementItem = {
  variantId: string;
  label: string;
  onHand: number;
  available: number;
  threshold: number;
};

const KINDS = {
  receive: "Receive",
  adjust: "Adjust count",
  return: "Customer return",
  damage: "Damaged / write-off",
  transfer: "Transfer",
  threshold: "Low-stock threshold",
} as const;
type Kind = keyof typeof KINDS;
const FIELDS = ["delta", "threshold", "quantity", "packageLabel", "lot", "expiresOn", "unitCost", "reason"];

/** "Move stock" for one item at one location: a button, the dialog, and a spoken confirmation. */
export function MovementButton({
  item,
  location,
  locations,
}: {
  item: MovementItem;
  location: Place;
  locations: Place[];
}) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState("");
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Move stock<span className="sr-only"> of {item.label}</span>
      </Button>
      <p aria-live="polite" className="sr-only">
        {done}
      </p>
      {open ? (
        <MovementDialog
          item={item}
          location={location}
          locations={locations}
          onClose={(message) => {
            setOpen(false);
            if (message) setDone(message);
          }}
        />
      ) : null}
    </>
  );
}

function MovementDialog({
  item,
  location,
  locations,
  onClose,
}: {
  item: MovementItem;
  location: Place;
  locations: Place[];
  onClose: (message?: string) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const others = locations.filter((l) => l.id !== location.id);
  const lots = useQuery(
    trpc.inventory.lots.queryOptions({ variantId: item.variantId, locationId: location.id, pageSize: 100 }),
  );
  const receive = useMutation(trpc.inventory.receive.mutationOptions());
  const adjust = useMutation(trpc.inventory.adjust.mutationOptions());
  const returned = useMutation(trpc.inventory.returnStock.mutationOptions());
  const damage = useMutation(trpc.inventory.damage.mutationOptions());
  const transfer = useMutation(trpc.inventory.transfer.mutationOptions());
  const threshold = useMutation(trpc.inventory.setThreshold.mutationOptions());
  const form = useZodForm(stockMovementFormSchema, {
    // Fields a kind does not show drop their values, so each kind starts from its defaults.
    shouldUnregister: true,
    // Fields of other kinds take their element's initial value (first option, threshold) when shown.
    defaultValues: {
      kind: "receive",
      withLot: false,
      packageLabel: "",
      expiresOn: "",
      unitCost: "",
      reason: "",
    },
  });
  const [kind, withLot] = useWatch({ control: form.control, name: ["kind", "withLot"] }) as [
    Kind,
    boolean | undefined,
  ];

  async function submit(values: StockMovementFormValues) {
    const key = { locationId: location.id, variantId: item.variantId };
    const where = ` at ${location.name}`;
    let message: string;
    if (values.kind === "receive") {
      const { quantity, reason } = values;
      await receive.mutateAsync({
        ...key,
        quantity,
        reason: reason.trim() || undefined,
        lot: values.withLot
          ? {
              packageLabel: values.packageLabel.trim(),
              expiresOn: values.expiresOn || null,
              unitCostCents: values.unitCost?.trim() ? dollarsToCents(values.unitCost) : null,
            }
          : null,
      });
      message = `Received ${quantity} of ${item.label}${where}.`;
    } else if (values.kind === "adjust") {
      const { delta, reason, lotId } = values;
      await adjust.mutateAsync({ ...key, delta, reason: reason.trim(), lotId: lotId || null });
      message = `Adjusted ${item.label} by ${delta}${where}.`;
    } else if (values.kind === "return") {
      const { quantity, reason, lotId } = values;
      await returned.mutateAsync({
        ...key,
        quantity,
        reason: reason.trim() || undefined,
        lotId: lotId || null,
      });
      message = `Returned ${quantity} of ${item.label} to stock${where}.`;
    } else if (values.kind === "damage") {
      const { quantity, reason, lotId } = values;
      await damage.mutateAsync({ ...key, quantity, reason: reason.trim(), lotId: lotId || null });
      message = `Wrote off ${quantity} of ${item.label}${where}.`;
    } else if (values.kind === "transfer") {
      const { quantity, reason, lotId, toLocationId } = values;
      await transfer.mutateAsync({
        variantId: item.variantId,
        fromLocationId: location.id,
        toLocationId,
        quantity,
        reason: reason.trim() || undefined,
        lotId: lotId || null,
      });
      const to = others.find((l) => l.id === toLocationId);
      message = `Moved ${quantity} of ${item.label} to ${to?.name ?? "the other location"}.`;
    } else {
      await threshold.mutateAsync({ ...key, threshold: values.threshold });
      message = `${item.label} now counts as low at ${values.threshold}${where}.`;
    }
    router.refresh();
    onClose(message);
  }

  // Nested lot problems arrive under "lot"; they belong to the label field. A problem shown on a field is not
  // repeated above the buttons.
  const describe = (error: unknown) => {
    const { message, fields } = describeError(error);
    const { lot, ...rest } = fields;
    const mapped = lot && !rest.packageLabel ? { ...rest, packageLabel: lot } : rest;
    return { message: Object.keys(mapped).some((k) => FIELDS.includes(k)) ? "" : message, fields: mapped };
  };

  const lotOptions = lots.data?.items ?? [];
  const number = { type: "number", inputMode: "numeric", step: 1, rules: { valueAsNumber: true } } as const;
  const select = "min-h-11 rounded-lg border border-stone-300 bg-white px-3";

  return (
    <Modal
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={`Move stock: ${item.label}`}
      description={`${location.name}: ${item.onHand} on hand, ${item.available} available.`}
    >
      <Form
        form={form}
        onSubmit={submit}
        describeError={describe}
        showRootError={false}
        className="flex flex-col gap-3"
      >
        <FormItem name="kind" label="What happened">
          {(control) => (
            <select {...control} className={select}>
              {(Object.keys(KINDS) as Kind[])
                .filter((k) => k !== "transfer" || others.length > 0)
                .map((k) => (
                  <option key={k} value={k}>
                    {KINDS[k]}
                  </option>
                ))}
            </select>
          )}
        </FormItem>

        {kind === "transfer" ? (
          <FormItem name="toLocationId" label="To location">
            {(control) => (
              <select {...control} className={select}>
                {others.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            )}
          </FormItem>
        ) : null}

        {kind === "adjust" ? (
          <FormField
            key="delta"
            label="Change in units"
            name="delta"
            {...number}
            hint="Positive to add, negative to remove (e.g. -2)."
          />
        ) : kind === "threshold" ? (
          <FormField
            key="threshold"
            label="Low when available is at or below"
            name="threshold"
            min={0}
            defaultValue={item.threshold}
            {...number}
          />
        ) : (
          <FormField key="quantity" label="Units" name="quantity" min={1} {...number} />
        )}

        {kind === "adjust" || kind === "return" || kind === "damage" || kind === "transfer" ? (
          <FormItem name="lotId" label="Package (optional)">
            {(control) => (
              <select {...control} className={select}>
                <option value="">
                  {kind === "return" ? "Not into a package" : "Soonest-expiring packages first"}
                </option>
                {lotOptions.map((lot) => (
                  <option key={lot.id} value={lot.id}>
                    {lot.packageLabel} · {lot.quantity} left
                    {lot.expiresOn ? ` · expires ${lot.expiresOn}` : ""}
                  </option>
                ))}
              </select>
            )}
          </FormItem>
        ) : null}

        {kind === "receive" ? (
          <>
            <FormCheckbox
              name="withLot"
              label="Into a METRC package (lot)"
              labelClassName="flex min-h-11 items-center gap-2 text-sm"
            />
            {withLot ? (
              <>
                <FormField
                  label="Package label"
                  name="packageLabel"
                  autoCapitalize="characters"
                  spellCheck={false}
                  hint="The tag on the package, e.g. 1A4FF0100000022000000123."
                />
                <FormField label="Expiry date (optional)" name="expiresOn" type="date" />
                <FormField
                  label="Cost per unit, $ (optional)"
                  name="unitCost"
                  inputMode="decimal"
                  hint="What one unit cost you; markdown suggestions never go below it plus your margin floor."
                />
              </>
            ) : null}
          </>
        ) : null}

        {kind !== "threshold" ? (
          <FormField
            key={`reason-${kind}`}
            label={kind === "adjust" || kind === "damage" ? "Reason" : "Note (optional)"}
            name="reason"
            maxLength={500}
            hint={kind === "damage" ? "What happened, e.g. broken packaging." : undefined}
          />
        ) : null}

        <FormRootError />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => onClose()}>
            Cancel
          </Button>
          <FormSubmit pending="Saving…">{kind === "receive" ? "Receive stock" : "Save"}</FormSubmit>
        </div>
      </Form>
    </Modal>
  );
}
