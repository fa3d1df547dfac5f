import type { PushSender } from "./types";

/**
 * Delivers nowhere: the outbox row of each push is its record, listed with the dev mailbox. Without VAPID keys
 * browsers cannot subscribe (there is no public key to offer), so locally this only records what would be sent.
 */
export function createDevPushSender(publicKey: string | null = null): PushSender {
  return {
    name: "dev-mailbox",
    publicKey,
    async send() {
      return { outcome: "delivered" };
    },
  };
}
