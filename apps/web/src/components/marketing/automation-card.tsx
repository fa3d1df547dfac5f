"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { Field } from "@cannasaas/ui/field";
import { Select } from "@cannasaas/ui/select";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";
import { SmsCounter } from "./sms-counter";

type Kind = "abandoned_cart" | "welcome" | "win_back" | "birthday" | "review_request";
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
const fromTime = (v: string) => {
  const [h, m] = v.split(":").map(Number) as [number, number];
  return h * 60 + m;
};
const label = "flex flex-col gap-1 text-sm font-medium text-stone-800";

/** The settings of one automation: on or off, its email, an optional coupon and its delay (or time of day). */
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
  const id = useId();
  const wait = splitWait(automation.waitMinutes);
  const [values, setValues] = useState({
    enabled: automation.enabled,
    channel: automation.channel,
    subject: automation.subject,
    body: automation.body,
    couponCode: automation.couponCode ?? "",
    amount: wait.amount,
    unit: wait.unit,
    time: toTime(automation.waitMinutes % 1440),
  });
  const save = useMutation(
    trpc.marketing.saveAutomation.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues({ ...values, [key]: e.target.value });
  const fieldErrors = save.error ? describeError(save.error).fields : {};
  const amount = Number(values.amount);
  const sms = values.channel === "sms";

  return (
    <form
      className="flex flex-col gap-3"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          kind: automation.kind,
          enabled: values.enabled,
          channel: values.channel,
          subject: sms ? "" : values.subject,
          body: values.body,
          couponCode: values.couponCode || null,
          waitMinutes:
            automation.wait === "time_of_day"
              ? fromTime(values.time)
              : Math.round((Number.isFinite(amount) ? amount : 0) * UNITS[values.unit]),
        });
      }}
    >
      <label className="flex min-h-11 items-center gap-2 text-sm font-semibold">
        <input
          type="checkbox"
          checked={values.enabled}
          onChange={(e) => setValues({ ...values, enabled: e.target.checked })}
          className="size-5"
        />
        Send the {automation.label.toLowerCase()} {sms ? "text" : "email"}
      </label>
      <label className={label}>
        Channel
        <Select name="channel" value={values.channel} onChange={set("channel")}>
          <option value="email">Email</option>
          <option value="sms">Text message (SMS)</option>
        </Select>
      </label>
      {automation.wait === "time_of_day" ? (
        <Field
          label={`Send at (${timeZone})`}
          type="time"
          name="time"
          value={values.time}
          onChange={set("time")}
          error={fieldErrors.waitMinutes}
        />
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <Field
            label="Wait"
            type="number"
            min={0}
            name="amount"
            value={values.amount}
            onChange={set("amount")}
            error={fieldErrors.waitMinutes}
          />
          <label className={label}>
            <span className="sr-only">Unit</span>
            <Select name="unit" value={values.unit} onChange={set("unit")}>
              <option value="minutes">minutes</option>
              <option value="hours">hours</option>
              <option value="days">days</option>
            </Select>
          </label>
        </div>
      )}
      {sms ? null : (
        <Field
          label="Subject"
          name="subject"
          value={values.subject}
          onChange={set("subject")}
          maxLength={150}
          error={fieldErrors.subject}
        />
      )}
      <label className={label} htmlFor={`${id}-body`}>
        Message
      </label>
      <textarea
        id={`${id}-body`}
        name="body"
        value={values.body}
        onChange={set("body")}
        rows={4}
        maxLength={sms ? 1600 : 5000}
        aria-invalid={Boolean(fieldErrors.body)}
        className="rounded-lg border border-stone-300 p-3 text-sm"
      />
      {fieldErrors.body ? <span className="text-sm text-red-800">{fieldErrors.body}</span> : null}
      {sms ? <SmsCounter storeName={storeName} body={values.body} couponCode={values.couponCode} /> : null}
      <label className={label}>
        Coupon code (optional)
        <Select name="couponCode" value={values.couponCode} onChange={set("couponCode")}>
          <option value="">No coupon</option>
          {coupons.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </Select>
      </label>
      <div role="status" aria-live="polite">
        {save.error ? <Notice tone="error">{describeError(save.error).message}</Notice> : null}
        {save.isSuccess && !save.isPending ? <Notice tone="success">Saved.</Notice> : null}
      </div>
      <div>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
