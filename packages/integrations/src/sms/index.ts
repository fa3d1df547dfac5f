import { type EnvSource, readSmsSettings } from "../env";
import { createDevMailboxSms } from "./dev-mailbox";
import { createTwilioSms } from "./twilio";
import type { SmsProvider } from "./types";

export type { SmsMessage, SmsProvider, SmsErrorKind } from "./types";
export { SmsDeliveryError, isSmsDeliveryError } from "./types";
export { createDevMailboxSms } from "./dev-mailbox";
export { createTwilioSms, verifyTwilioSignature, type TwilioSettings } from "./twilio";

/** Twilio when TWILIO_ACCOUNT_SID is set, otherwise the dev mailbox (outbox rows are the mailbox). */
export function createSmsProvider(source?: EnvSource): SmsProvider {
  const twilio = readSmsSettings(source);
  return twilio ? createTwilioSms(twilio) : createDevMailboxSms();
}
