"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@cannasaas/ui/button";
import { Modal } from "@cannasaas/ui/dialog";
import { Field } from "@cannasaas/ui/field";
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
const FIELDS = ["delta", "threshold", "quantity", "packageLabel", "lot", "expiresOn", "reason"];

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
  const [kind, setKind] = useState<Kind>("receive");
  const [withLot, setWithLot] = useState(false);
  const others = locations.filter((l) => l.id !== location.id);
  const lots = useQuery(
    trpc.inventory.lots.queryOptions({ variantId: item.variantId, locationId: location.id, pageSize: 100 }),
  );
  const success = (message: string) => () => {
    router.refresh();
    onClose(message);
  };
  const receive = useMutation(trpc.inventory.receive.mutationOptions());
  const adjust = useMutation(trpc.inventory.adjust.mutationOptions());
  const returned = useMutation(trpc.inventory.returnStock.mutationOptions());
  const damage = useMutation(trpc.inventory.damage.mutationOptions());
  const transfer = useMutation(trpc.inventory.transfer.mutationOptions());
  const threshold = useMutation(trpc.inventory.setThreshold.mutationOptions());
  const current = { receive, adjust, return: returned, damage, transfer, threshold }[kind];
  const problem = current.error ? describeError(current.error) : null;
  // Nested lot problems arrive under "lot"; they belong to the label field.
  const fieldError = (name: string) =>
    problem?.fields[name] ?? (name === "packageLabel" ? problem?.fields.lot : null) ?? null;
  const onAField = Object.keys(problem?.fields ?? {}).some((k) => FIELDS.includes(k));
  const pending = current.isPending;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = form.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const number = (name: string) => (text(name) === "" ? Number.NaN : Number(text(name)));
    const key = { locationId: location.id, variantId: item.variantId };
    const lotId = text("lotId") || null;
    const where = ` at ${location.name}`;
    if (kind === "receive") {
      const quantity = number("quantity");
      receive.mutate(
        {
          ...key,
          quantity,
          reason: text("reason") || undefined,
          lot: withLot ? { packageLabel: text("packageLabel"), expiresOn: text("expiresOn") || null } : null,
        },
        { onSuccess: success(`Received ${quantity} of ${item.label}${where}.`) },
      );
    } else if (kind === "adjust") {
      const delta = number("delta");
      adjust.mutate(
        { ...key, delta, reason: text("reason"), lotId },
        { onSuccess: success(`Adjusted ${item.label} by ${delta}${where}.`) },
      );
    } else if (kind === "return") {
      const quantity = number("quantity");
      returned.mutate(
        { ...key, quantity, reason: text("reason") || undefined, lotId },
        { onSuccess: success(`Returned ${quantity} of ${item.label} to stock${where}.`) },
      );
    } else if (kind === "damage") {
      const quantity = number("quantity");
      damage.mutate(
        { ...key, quantity, reason: text("reason"), lotId },
        { onSuccess: success(`Wrote off ${quantity} of ${item.label}${where}.`) },
      );
    } else if (kind === "transfer") {
      const quantity = number("quantity");
      const to = others.find((l) => l.id === text("toLocationId"));
      transfer.mutate(
        {
          variantId: item.variantId,
          fromLocationId: location.id,
          toLocationId: text("toLocationId"),
          quantity,
          reason: text("reason") || undefined,
          lotId,
        },
        { onSuccess: success(`Moved ${quantity} of ${item.label} to ${to?.name ?? "the other location"}.`) },
      );
    } else {
      const value = number("threshold");
      threshold.mutate(
        { ...key, threshold: value },
        { onSuccess: success(`${item.label} now counts as low at ${value}${where}.`) },
      );
    }
  }

  const lotOptions = lots.data?.items ?? [];
  const lotSelect =
    kind === "adjust" || kind === "return" || kind === "damage" || kind === "transfer" ? (
      <div className="flex flex-col gap-1">
        <label htmlFor="movement-lot" className="text-sm font-medium text-stone-800">
          Package (optional)
        </label>
        <select
          id="movement-lot"
          name="lotId"
          defaultValue=""
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
        >
          <option value="">
            {kind === "return" ? "Not into a package" : "Soonest-expiring packages first"}
          </option>
          {lotOptions.map((lot) => (
            <option key={lot.id} value={lot.id}>
              {lot.packageLabel} · {lot.quantity} left{lot.expiresOn ? ` · expires ${lot.expiresOn}` : ""}
            </option>
          ))}
        </select>
      </div>
    ) : null;

  return (
    <Modal
      open
      onOpenChange={(open) => (open ? null : onClose())}
      title={`Move stock: ${item.label}`}
      description={`${location.name}: ${item.onHand} on hand, ${item.available} available.`}
    >
      <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
        <div className="flex flex-col gap-1">
          <label htmlFor="movement-kind" className="text-sm font-medium text-stone-800">
            What happened
          </label>
          <select
            id="movement-kind"
            value={kind}
            onChange={(event) => setKind(event.target.value as Kind)}
            className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
          >
            {(Object.keys(KINDS) as Kind[])
              .filter((k) => k !== "transfer" || others.length > 0)
              .map((k) => (
                <option key={k} value={k}>
                  {KINDS[k]}
                </option>
              ))}
          </select>
        </div>

        {kind === "transfer" ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="movement-to" className="text-sm font-medium text-stone-800">
              To location
            </label>
            <select
              id="movement-to"
              name="toLocationId"
              className="min-h-11 rounded-lg border border-stone-300 bg-white px-3"
            >
              {others.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}

        {kind === "adjust" ? (
          <Field
            key="delta"
            label="Change in units"
            name="delta"
            type="number"
            inputMode="numeric"
            step={1}
            hint="Positive to add, negative to remove (e.g. -2)."
            error={fieldError("delta")}
          />
        ) : kind === "threshold" ? (
          <Field
            key="threshold"
            label="Low when available is at or below"
            name="threshold"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            defaultValue={item.threshold}
            error={fieldError("threshold")}
          />
        ) : (
          <Field
            key="quantity"
            label="Units"
            name="quantity"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            error={fieldError("quantity")}
          />
        )}

        {lotSelect}

        {kind === "receive" ? (
          <>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={withLot}
                onChange={(event) => setWithLot(event.target.checked)}
                className="size-5"
              />
              Into a METRC package (lot)
            </label>
            {withLot ? (
              <>
                <Field
                  label="Package label"
                  name="packageLabel"
                  autoCapitalize="characters"
                  spellCheck={false}
                  hint="The tag on the package, e.g. 1A4FF0100000022000000123."
                  error={fieldError("packageLabel")}
                />
                <Field
                  label="Expiry date (optional)"
                  name="expiresOn"
                  type="date"
                  error={fieldError("expiresOn")}
                />
              </>
            ) : null}
          </>
        ) : null}

        {kind !== "threshold" ? (
          <Field
            key={`reason-${kind}`}
            label={kind === "adjust" || kind === "damage" ? "Reason" : "Note (optional)"}
            name="reason"
            maxLength={500}
            hint={kind === "damage" ? "What happened, e.g. broken packaging." : undefined}
            error={fieldError("reason")}
          />
        ) : null}

        {problem && !onAField ? (
          <p role="alert" className="text-sm text-red-700">
            {problem.message}
          </p>
        ) : null}
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="ghost" onClick={() => onClose()}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Saving…" : kind === "receive" ? "Receive stock" : "Save"}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
