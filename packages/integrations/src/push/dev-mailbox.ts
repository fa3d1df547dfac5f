import webpush from "web-push";
import type { PushSender } from "./types";

/**
 * Delivers nowhere: the outbox row of each push is its record, listed with the dev mailbox. Browsers only
 * subscribe with a VAPID public key, so without configured keys this offers one made for the process: local
 * subscriptions work, and since nothing is ever sent with it, a new key after a restart loses nothing.
 */
export function createDevPushSender(publicKey: string = webpush.generateVAPIDKeys().publicKey): PushSender {
  return {
    name: "dev-mailbox",
    publicKey,
    async send() {
      return { outcome: "delivered" };
    },
  };
}
