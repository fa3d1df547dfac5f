"use client";
import { SMS_MAX_CHARS, SMS_MAX_SEGMENTS, smsLength, smsMarketingText } from "@cannasaas/validators";

/**
 * The text as shoppers get it (store name first, "Reply STOP to opt out" last) with its length and parts, the
 * same count the server refuses a save by. Merge fields are counted as typed; long values add a little.
 */
export function SmsCounter({
  storeName,
  body,
  couponCode,
}: {
  storeName: string;
  body: string;
  couponCode: string;
}) {
  const text = smsMarketingText(storeName, couponCode ? `${body.trim()}\nCode: ${couponCode}` : body);
  const length = smsLength(text);
  const over = length.characters > SMS_MAX_CHARS || length.segments > SMS_MAX_SEGMENTS;
  return (
    <div className="flex flex-col gap-1">
      <p
        role="status"
        aria-live="polite"
        className={over ? "text-sm font-semibold text-red-800" : "text-sm text-stone-700"}
        data-testid="sms-counter"
      >
        {length.characters.toLocaleString("en-US")} / {SMS_MAX_CHARS.toLocaleString("en-US")} characters ·{" "}
        {length.segments} {length.segments === 1 ? "part" : "parts"} of {SMS_MAX_SEGMENTS} ({length.encoding}
        {length.encoding === "UCS-2" ? ": emoji or special characters make each part shorter" : ""})
      </p>
      <pre
        className="whitespace-pre-wrap rounded-lg bg-stone-100 p-3 font-sans text-sm"
        aria-label="Text preview"
      >
        {text}
      </pre>
    </div>
  );
}
