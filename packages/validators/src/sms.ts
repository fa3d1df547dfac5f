import { z } from "zod";

/** Twilio refuses a body longer than this (characters); it is also 10 segments of GSM-7 text. */
export const SMS_MAX_CHARS = 1600;
/** Past this many segments carriers may drop or garble a concatenated message. */
export const SMS_MAX_SEGMENTS = 10;
/** Appended to every marketing SMS (CTIA: tell people how to stop). */
export const SMS_OPT_OUT_LINE = "Reply STOP to opt out";

// GSM 03.38: the basic set costs one unit, the extension set two (escape + character).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";

export type SmsLength = { encoding: "GSM-7" | "UCS-2"; units: number; segments: number; characters: number };

/**
 * How a text travels: GSM-7 when every character is in the GSM set (160 units in one message, 153 per part
 * when split), else UCS-2 (70, then 67 per part, counting UTF-16 code units, so an emoji costs two).
 */
export function smsLength(text: string): SmsLength {
  let units = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.includes(ch)) units += 1;
    else if (GSM_EXTENDED.includes(ch)) units += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (!gsm) units = text.length;
  const [single, part] = gsm ? [160, 153] : [70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / part);
  return { encoding: gsm ? "GSM-7" : "UCS-2", units, segments, characters: text.length };
}

/** The text a shopper receives: the store's name first (who is writing), the message, the opt-out line. */
export const smsMarketingText = (storeName: string, body: string) =>
  `${storeName}: ${body.trim()}\n${SMS_OPT_OUT_LINE}`;

/** Why a message may not be sent as SMS, or null when it fits. */
export function smsTooLong(text: string): string | null {
  const length = smsLength(text);
  if (length.characters > SMS_MAX_CHARS) {
    return `The text message is ${length.characters} characters with the store name and "${SMS_OPT_OUT_LINE}"; the limit is ${SMS_MAX_CHARS}.`;
  }
  if (length.segments > SMS_MAX_SEGMENTS) {
    return `The text message needs ${length.segments} parts (${length.encoding}); the limit is ${SMS_MAX_SEGMENTS}. Shorten it or remove emoji and special characters.`;
  }
  return null;
}

/**
 * A phone number in E.164 (+14155550100), or null when it cannot be one. Numbers without a country code are
 * read as North American (the stores are in the US); NANP area codes and exchanges cannot start with 0 or 1.
 */
export function normalizePhone(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().\-/]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  const international = trimmed.startsWith("+");
  let e164: string;
  if (international) e164 = `+${digits}`;
  else if (digits.length === 10) e164 = `+1${digits}`;
  else if (digits.length === 11 && digits.startsWith("1")) e164 = `+${digits}`;
  else return null;
  if (!/^\+[1-9]\d{7,14}$/.test(e164)) return null;
  if (e164.startsWith("+1") && !/^\+1[2-9]\d{2}[2-9]\d{6}$/.test(e164)) return null;
  return e164;
}

/** A shopper's mobile number as typed, stored in E.164; empty clears it. */
export const mobilePhoneSchema = z
  .string()
  .trim()
  .max(32, { error: "That phone number is too long." })
  .transform((value, ctx) => {
    if (!value) return null;
    const e164 = normalizePhone(value);
    if (!e164) {
      ctx.addIssue({
        code: "custom",
        message: "Enter a mobile number like (415) 555-0100 or +44 20 7946 0958.",
      });
      return z.NEVER;
    }
    return e164;
  });
