import { readIntegrationsEnv } from "../env";
import { createDevMailboxTransport } from "./dev-mailbox";
import { createSmtpTransport } from "./smtp";
import type { MailTransport } from "./types";

export type { MailMessage, MailTransport } from "./types";
export { createDevMailboxTransport } from "./dev-mailbox";
export { createSmtpTransport, MailDeliveryError } from "./smtp";

/** SMTP when SMTP_URL is set, otherwise the dev mailbox (outbox rows are the mailbox). */
export function createMailTransport(env: Record<string, string | undefined> = process.env): MailTransport {
  const { SMTP_URL, MAIL_FROM } = readIntegrationsEnv(env);
  return SMTP_URL ? createSmtpTransport({ url: SMTP_URL, from: MAIL_FROM }) : createDevMailboxTransport();
}
