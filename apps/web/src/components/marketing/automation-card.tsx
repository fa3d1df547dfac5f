"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { Notice } from "@cannasaas/ui/card";
import {
  Form,
  FormCheckbox,
  FormField,
  FormItem,
  FormRootError,
  FormSubmit,
  useZodForm,
} from "@cannasaas/ui/form";
import { convertedSchema } from "@cannasaas/ui/form-schema";
import { Select } from "@cannasaas/ui/select";
import { automationMessageInput } from "@cannasaas/validators";
import { describeFormError } from "~/lib/form-errors";
import { useTRPC } from "~/lib/trpc/client";
import { SmsCounter } from "./sms-counter";

type Kind =
  | "abandoned_cart"
  | "welcome"
  | "win_back"
  | "birthday"
  | "review_request"
  | "back_in_stock"
  | "price_drop"
  | "tier_up";
export type AutomationSettings = {
  kind: Kind;
  label: string;
  wait: "delay" | "time_of_day";
  enabled: boolean;
  channel: "email" | "sms";
  subject: string;
  body: string;
  couponCode: string | null;
  waitMinutes: number;
};

const UNITS = { minutes: 1, hours: 60, days: 1440 } as const;
type Unit = keyof typeof UNITS;
/** The largest unit that divides the wait exactly, so 60 days reads "60 days", not "86400 minutes". */
function splitWait(minutes: number): { amount: string; unit: Unit } {
  if (minutes > 0 && minutes % 1440 === 0) return { amount: String(minutes / 1440), unit: "days" };
  if (minutes > 0 && minutes % 60 === 0) return { amount: String(minutes / 60), unit: "hours" };
  return { amount: String(minutes), unit: "minutes" };
}
const toTime = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
/** "07:30" as minutes after midnight; NaN when not a time, which the schema refuses. */
const fromTime = (v: string) => {
  const match = /^(\d{2}):(\d{2})$/.exec(v);
  return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
};

const fields = z.object({
  enabled: z.boolean(),
  channel: z.enum(["email", "sms"]),
  subject: z.string(),
  body: z.string(),
  couponCode: z.string(),
  amount: z.string(),
  unit: z.enum(["minutes", "hours", "days"]),
  time: z.string(),
});
type AutomationFields = z.input<typeof fields>;

/** What `saveAutomation` takes besides the kind: the wait from the time of day or the amount and unit. */
const messageInput = (wait: AutomationSettings["wait"]) => (v: AutomationFields) => ({
  enabled: v.enabled,
  channel: v.channel,
  subject: v.channel === "sms" ? "" : v.subject,
  body: v.body,
  couponCode: v.couponCode || null,
  waitMinutes:
    wait === "time_of_day"
      ? fromTime(v.time)
      : v.amount.trim()
        ? Math.round(Number(v.amount) * UNITS[v.unit])
        : NaN,
});
/** The field an error about `saveAutomation`'s input shows under: the wait under the wait's input. */
const fieldOf =
  (wait: AutomationSettings["wait"]) =>
  ([name]: readonly PropertyKey[]): string | null => {
    if (name === "waitMinutes") return wait === "time_of_day" ? "time" : "amount";
    return typeof name === "string" && name in fields.shape ? name : null;
  };
/** Each automation's schema: its message and wait must pass the server's `automationMessageInput`. */
const schemaFor = (wait: AutomationSettings["wait"]) =>
  convertedSchema(fields, messageInput(wait), automationMessageInput, fieldOf(wait));

/**
 * The settings of one automation: on or off, email or text, its message, an optional coupon and its delay (or
 * time of day).
 */
export function AutomationCard({
  automation,
  coupons,
  timeZone,
  storeName,
}: {
  automation: AutomationSettings;
  coupons: string[];
  timeZone: string;
  storeName: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const wait = splitWait(automation.waitMinutes);
  const [schema] = useState(() => schemaFor(automation.wait));
  const form = useZodForm(schema, {
    defaultValues: {
      enabled: automation.enabled,
      channel: automation.channel,
      subject: automation.subject,
      body: automation.body,
      couponCode: automation.couponCode ?? "",
      amount: wait.amount,
      unit: wait.unit,
      time: toTime(automation.waitMinutes % 1440),
    },
  });
  const [saved, setSaved] = useState(false);
  const save = useMutation(trpc.marketing.saveAutomation.mutationOptions());
  const [channel, body, couponCode] = form.watch(["channel", "body", "couponCode"]);
  const sms = channel === "sms";

  return (
    <Form
      form={form}
      className="flex flex-col gap-3"
      showRootError={false}
      describeError={(error) => describeFormError(error, fieldOf(automation.wait))}
      onSubmit={async (values) => {
        setSaved(false);
        await save.mutateAsync({ kind: automation.kind, ...messageInput(automation.wait)(values) });
        setSaved(true);
        router.refresh();
      }}
    >
      <FormCheckbox
        name="enabled"
        label={`Send the ${automation.label.toLowerCase()} ${sms ? "text" : "email"}`}
        labelClassName="flex min-h-11 items-center gap-2 text-sm font-semibold"
      />
      <FormItem name="channel" label="Channel">
        {(control) => (
          <Select {...control}>
            <option value="email">Email</option>
            <option value="sms">Text message (SMS)</option>
          </Select>
        )}
      </FormItem>
      {automation.wait === "time_of_day" ? (
        <FormField label={`Send at (${timeZone})`} type="time" name="time" />
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <FormField label="Wait" type="number" min={0} name="amount" />
          <FormItem name="unit" label={<span className="sr-only">Unit</span>}>
            {(control) => (
              <Select {...control}>
                <option value="minutes">minutes</option>
                <option value="hours">hours</option>
                <option value="days">days</option>
              </Select>
            )}
          </FormItem>
        </div>
      )}
      {sms ? null : <FormField label="Subject" name="subject" maxLength={150} />}
      <FormItem name="body" label="Message">
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={sms ? 1600 : 5000}
            className="rounded-lg border border-stone-300 p-3 text-sm"
          />
        )}
      </FormItem>
      {sms ? <SmsCounter storeName={storeName} body={body} couponCode={couponCode} /> : null}
      <FormItem name="couponCode" label="Coupon code (optional)">
        {(control) => (
          <Select {...control} invalid={Boolean(control["aria-invalid"])}>
            <option value="">No coupon</option>
            {coupons.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
        )}
      </FormItem>
      <div role="status" aria-live="polite">
        <FormRootError />
        {saved ? <Notice tone="success">Saved.</Notice> : null}
      </div>
      <div>
        <FormSubmit pending="Saving…">Save</FormSubmit>
      </div>
    </Form>
  );
}
