import { type EnvSource, readIntegrationsEnv } from "../env";
import { createDevMailboxTransport } from "./dev-mailbox";
import { createSmtpTransport } from "./smtp";
import type { MailTransport } from "./types";

export type { MailMessage, MailTransport } from "./types";
export { createDevMailboxTransport } from "./dev-mailbox";
export { createSmtpTransport, MailDeliveryError } from "./smtp";

/** SMTP when SMTP_URL is set, otherwise the dev mailbox (outbox rows are the mailbox). */
/** `source` defaults to the process environment (read in ../env.ts). */
export function createMailTransport(source?: EnvSource): MailTransport {
  const { SMTP_URL, MAIL_FROM } = readIntegrationsEnv(source);
  return SMTP_URL ? createSmtpTransport({ url: SMTP_URL, from: MAIL_FROM }) : createDevMailboxTransport();
}
