import { type EnvSource, readIntegrationsEnv } from "../env";
import { createDevPushSender } from "./dev-mailbox";
import { createWebPushSender } from "./web-push";
import type { PushSender } from "./types";

export * from "./types";
export { createDevPushSender } from "./dev-mailbox";
export { createWebPushSender, type VapidKeys } from "./web-push";

/** Web push when VAPID keys are set, otherwise the dev mailbox (outbox rows record each push). */
export function createPushSender(source?: EnvSource): PushSender {
  const env = readIntegrationsEnv(source);
  if (!env.VAPID_PUBLIC_KEY || !env.VAPID_PRIVATE_KEY) return createDevPushSender();
  return createWebPushSender({
    vapid: { subject: env.VAPID_SUBJECT, publicKey: env.VAPID_PUBLIC_KEY, privateKey: env.VAPID_PRIVATE_KEY },
  });
}
