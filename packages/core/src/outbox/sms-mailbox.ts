import type { DbOrTx } from "@cannasaas/db/client";
import type { SmsPayload } from "../marketing/sms-queue";
import { listOutboxChannel } from "./mailbox";

/**
 * The texts the product wrote (newest first), for the dev mailbox: with no Twilio configured the outbox rows
 * are the only place an SMS lands. `to` is an E.164 number.
 */
export function listTextMailbox(db: DbOrTx, options: { limit?: number; to?: string } = {}) {
  return listOutboxChannel<SmsPayload>(db, "sms", options);
}
