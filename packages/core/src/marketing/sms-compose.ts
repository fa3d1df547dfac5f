import { normalizePhone, smsMarketingText, smsTooLong } from "@cannasaas/validators";
import { DomainError } from "../errors";
import type { MarketingStore } from "./compose";
import { fillMergeFields, type MergeValues } from "./merge";
import { nextSmsSendTime, recipientTimeZone } from "./quiet-hours";
import type { SmsPayload } from "./sms-queue";

type SmsContent = { body: string; couponCode: string | null };

/** The text one shopper receives: store name, merged body, the coupon, then "Reply STOP to opt out". */
export function composeMarketingSms(storeName: string, content: SmsContent, values: MergeValues) {
  const body = fillMergeFields(content.body, values).trim();
  return smsMarketingText(storeName, content.couponCode ? `${body}\nCode: ${content.couponCode}` : body);
}

/**
 * Refuses, at save time, a text that would be over the provider's limit. Merge fields are measured at a
 * generous length (a long first name, a large balance), so a saved text fits every recipient in practice;
 * a recipient whose values still overflow is skipped as too_long rather than cut.
 */
export function checkSmsLength(storeName: string, content: SmsContent) {
  const wide: MergeValues = {
    first_name: "Maximiliana",
    points: "100000",
    tier: "Platinum Reserve",
    store: storeName,
  };
  const problem = smsTooLong(composeMarketingSms(storeName, content, wide));
  if (problem) throw new DomainError("BAD_REQUEST", problem, { fields: { body: problem } });
}

/** Why a shopper cannot be texted at their number, or null with the number in E.164. */
export function smsNumberFor(phone: string | null): { to: string } | { skip: "no_phone" | "invalid_phone" } {
  if (!phone?.trim()) return { skip: "no_phone" };
  const to = normalizePhone(phone);
  return to ? { to } : { skip: "invalid_phone" };
}

/** The outbox payload and send time of one text: deferred to 08:00 on the shopper's clock in quiet hours. */
export function planSms(
  store: Pick<MarketingStore, "locationTimeZone" | "smsFromNumber">,
  recipient: { to: string; timeZone: string | null },
  text: string,
  now: Date,
): { sms: SmsPayload; runAt: Date } {
  const timeZone = recipientTimeZone(recipient.timeZone, store.locationTimeZone);
  return {
    sms: {
      to: recipient.to,
      body: text,
      timeZone,
      ...(store.smsFromNumber ? { from: store.smsFromNumber } : {}),
    },
    runAt: nextSmsSendTime(now, timeZone),
  };
}
