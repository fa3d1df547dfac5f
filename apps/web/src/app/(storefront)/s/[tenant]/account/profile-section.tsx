"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Card, Notice } from "@cannasaas/ui/card";
import { Form, FormField, FormSubmit, useHydrated, useZodForm } from "@cannasaas/ui/form";
import { shopperProfileSchema } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

type Profile = {
  name: string | null;
  email: string;
  marketingEmailConsent: boolean;
  marketingSmsConsent: boolean;
  phone: string | null;
  timeZone: string | null;
  loyaltyMember: boolean;
};

/** Where the shopper's time zone choice comes from: the US zones by name, and the store's own. */
type Zones = { choices: [zone: string, label: string][]; store: string };

export function ProfileSection({
  profile,
  storeName,
  zones,
}: {
  profile: Profile;
  storeName: string;
  zones: Zones;
}) {
  const trpc = useTRPC();
  const rename = useMutation(trpc.shopperAccount.updateProfile.mutationOptions());
  const form = useZodForm(shopperProfileSchema, { defaultValues: { name: profile.name ?? "" } });
  return (
    <Card className="flex flex-col gap-4 p-5">
      <h2 className="text-lg font-semibold">Profile</h2>
      <Form
        form={form}
        onSubmit={(values) => rename.mutateAsync(values)}
        // The server's message shows under the name, the form's only field.
        describeError={(error) => {
          const { message, fields } = describeError(error);
          return { message, fields: { name: fields.name ?? message } };
        }}
        showRootError={false}
        className="flex flex-col gap-3"
      >
        <FormField label="Name" name="name" autoComplete="name" />
        <p className="text-sm text-stone-700">Email: {profile.email}</p>
        <div className="flex items-center gap-3">
          <FormSubmit>Save name</FormSubmit>
          {rename.isSuccess ? <span role="status">Saved.</span> : null}
        </div>
      </Form>
      <ConsentToggles initial={profile} storeName={storeName} zones={zones} />
    </Card>
  );
}

function ConsentToggles({
  initial,
  storeName,
  zones,
}: {
  initial: Profile;
  storeName: string;
  zones: Zones;
}) {
  const trpc = useTRPC();
  const [consent, setConsent] = useState({
    marketingEmailConsent: initial.marketingEmailConsent,
    marketingSmsConsent: initial.marketingSmsConsent,
    phone: initial.phone,
    timeZone: initial.timeZone,
  });
  const [phone, setPhone] = useState(initial.phone ?? "");
  // Locked until hydrated: hydration undoes a change made before it, and may then save the undone value.
  const hydrated = useHydrated();
  const save = useMutation(
    trpc.shopper.updatePreferences.mutationOptions({
      onSuccess: (saved) => {
        setConsent(saved);
        setPhone(saved.phone ?? "");
      },
    }),
  );
  const locked = !hydrated || save.isPending;
  const toggle = (key: "marketingEmailConsent" | "marketingSmsConsent") =>
    save.mutate({
      [key]: !consent[key],
      // Turning texts on saves the number typed beside the switch with it.
      ...(key === "marketingSmsConsent" && phone !== (consent.phone ?? "") ? { phone } : {}),
    });
  return (
    <fieldset className="flex flex-col gap-2 border-t border-stone-200 pt-4">
      <legend className="pt-4 font-semibold">Marketing from {storeName}</legend>
      {save.error ? <Notice tone="error">{describeError(save.error).message}</Notice> : null}
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          checked={consent.marketingEmailConsent}
          disabled={locked}
          onChange={() => toggle("marketingEmailConsent")}
        />
        Deals and news by email
      </label>
      <label className="flex min-h-11 items-center gap-3">
        <input
          type="checkbox"
          checked={consent.marketingSmsConsent}
          disabled={locked}
          onChange={() => toggle("marketingSmsConsent")}
        />
        Deals and news by text message (SMS)
      </label>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ phone });
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Mobile number for texts
          <input
            type="tel"
            name="phone"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            placeholder="(415) 555-0100"
            className="min-h-11 rounded-lg border border-stone-300 px-3 font-normal"
          />
        </label>
        <button type="submit" disabled={locked} className="min-h-11 rounded-lg border border-stone-300 px-4">
          Save number
        </button>
      </form>
      <label className="flex flex-col gap-1 text-sm font-medium">
        Your time zone, for texts
        <select
          value={consent.timeZone ?? ""}
          disabled={locked}
          onChange={(e) => save.mutate({ timeZone: e.target.value || null })}
          className="min-h-11 rounded-lg border border-stone-300 bg-white px-3 font-normal"
        >
          <option value="">The store&apos;s ({zoneLabel(zones, zones.store)})</option>
          {zones.choices.map(([zone, label]) => (
            <option key={zone} value={zone}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <p className="text-xs text-stone-600">
        Texts come between 8 am and 9 pm in that time zone. Reply STOP to any text to stop them at once, HELP
        for help. Message and data rates may apply.
      </p>
      <p className="text-xs text-stone-600">
        These choices are separate from loyalty membership
        {initial.loyaltyMember ? " (you are a member; turning marketing off keeps your points)" : ""}. You can
        change them at any time.
      </p>
    </fieldset>
  );
}

const zoneLabel = (zones: Zones, zone: string) => zones.choices.find(([z]) => z === zone)?.[1] ?? zone;
