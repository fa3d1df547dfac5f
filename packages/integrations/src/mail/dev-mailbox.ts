import { randomUUID } from "node:crypto";
import type { MailTransport } from "./types";

/** Delivers nowhere: the outbox row itself is the dev mailbox. */
export function createDevMailboxTransport(): MailTransport {
  return {
    name: "dev-mailbox",
    async send() {
      return { messageId: `<${randomUUID()}@dev-mailbox.cannasaas.localhost>` };
    },
  };
}
