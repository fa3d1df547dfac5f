import { randomUUID } from "node:crypto";
import type { SmsProvider } from "./types";

/**
 * Delivers nowhere, like the mail port's dev mailbox: the outbox row (channel "sms") is the message, and the dev
 * mailbox page lists it beside the emails.
 */
export function createDevMailboxSms(): SmsProvider {
  return {
    name: "dev-mailbox",
    async send() {
      return { messageId: `SMdev${randomUUID().replaceAll("-", "")}` };
    },
  };
}
