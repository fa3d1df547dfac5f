import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { customers, organizations } from "@cannasaas/db/schema";
import { verifyTwilioSignature } from "@cannasaas/integrations/sms";
import { normalizePhone } from "@cannasaas/validators";
import { recordAuditEvent } from "../audit/record";

/** The carrier keywords (CTIA): these words alone, in any case, change consent or ask for help. */
export const SMS_STOP_WORDS = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"] as const;
export const SMS_START_WORDS = ["START", "UNSTOP"] as const;
export const SMS_HELP_WORDS = ["HELP"] as const;

export type InboundSms = { from: string; to: string; body: string; messageSid?: string | null };
export type SmsKeyword = "stop" | "start" | "help" | null;

export function smsKeyword(body: string): SmsKeyword {
  const word = body
    .trim()
    .replace(/[.!?\s]+$/, "")
    .toUpperCase();
  if ((SMS_STOP_WORDS as readonly string[]).includes(word)) return "stop";
  if ((SMS_START_WORDS as readonly string[]).includes(word)) return "start";
  if ((SMS_HELP_WORDS as readonly string[]).includes(word)) return "help";
  return null;
}

/**
 * Which stores a reply belongs to. A store with its own sending number (organizations.sms_from_number) owns
 * every reply to that number. A reply to any other number of ours is to the platform's shared sender, which
 * every store without its own number texts from: the carrier blocks that sender for the shopper after STOP,
 * so consent follows in each of those stores (each change in its own tenant's audit chain). Stores with their
 * own number are never touched by a reply to another number.
 */
async function storesFor(db: Database, to: string) {
  const own = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.smsFromNumber, to));
  if (own.length) return own;
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(isNull(organizations.smsFromNumber));
}

/** A stored number matches when it is the same E.164 number, however it was typed (US numbers without +1). */
function phoneMatches(e164: string) {
  const digits = e164.slice(1);
  const national = e164.startsWith("+1") ? digits.slice(1) : null;
  const typed = sql`regexp_replace(${customers.phone}, '[^0-9]', '', 'g')`;
  return or(
    eq(customers.phone, e164),
    sql`${typed} = ${digits}`,
    national ? sql`${typed} = ${national}` : undefined,
  );
}

export type InboundSmsResult = {
  keyword: SmsKeyword;
  /** The text to answer with (HELP), or null: STOP and START are confirmed by the carrier's own reply. */
  reply: string | null;
  changed: number;
};

/**
 * Acts on a verified inbound text: STOP words withdraw SMS consent at once, START words give it back, HELP
 * answers with the store's name and how to stop. Each consent change commits with its audit record in the
 * customer's own organization; customers are looked up only inside the stores the receiving number belongs to.
 */
export async function handleInboundSms(
  deps: { db: Database; clock: () => Date },
  message: InboundSms,
): Promise<InboundSmsResult> {
  const keyword = smsKeyword(message.body);
  const from = normalizePhone(message.from);
  const to = normalizePhone(message.to);
  if (!keyword || !from || !to) return { keyword, reply: null, changed: 0 };
  const stores = await storesFor(deps.db, to);
  if (keyword === "help") {
    const names =
      stores.length && stores.length <= 3 ? stores.map((s) => s.name).join(", ") : "CannaSaaS stores";
    return {
      keyword,
      reply: `${names}: marketing texts from your dispensary. Msg & data rates may apply. Reply STOP to opt out, START to opt back in.`,
      changed: 0,
    };
  }
  const consent = keyword === "start";
  const now = deps.clock();
  let changed = 0;
  for (const store of stores) {
    changed += await deps.db.transaction(async (tx) => {
      const rows = await tx
        .update(customers)
        .set({ marketingSmsConsent: consent, updatedAt: now })
        .where(
          and(
            eq(customers.organizationId, store.id),
            inArray(
              customers.id,
              tx
                .select({ id: customers.id })
                .from(customers)
                .where(
                  and(
                    eq(customers.organizationId, store.id),
                    isNull(customers.erasedAt),
                    eq(customers.marketingSmsConsent, !consent),
                    phoneMatches(from),
                  ),
                ),
            ),
          ),
        )
        .returning({ id: customers.id });
      for (const row of rows) {
        await recordAuditEvent(tx, {
          organizationId: store.id,
          actor: { kind: "system", id: row.id, label: `customer: SMS ${keyword.toUpperCase()}` },
          action: consent ? "marketing.sms_resubscribe" : "marketing.sms_unsubscribe",
          resource: { type: "customer", id: row.id },
          before: { marketingSmsConsent: !consent },
          after: { marketingSmsConsent: consent, messageSid: message.messageSid ?? null },
          at: now,
        });
      }
      return rows.length;
    });
  }
  return { keyword, reply: null, changed };
}

/** Where Twilio posts inbound texts, on the platform domain (set as each number's messaging webhook). */
export const TWILIO_SMS_WEBHOOK_PATH = "/api/webhooks/twilio/sms";

export type InboundWebhook = {
  /** TWILIO_AUTH_TOKEN; null when Twilio is not configured (every request is then refused). */
  authToken: string | null;
  /** The address Twilio was told to call, from configuration (never the request's Host). */
  url: string;
  signature: string | null;
  /** The posted form fields, all of them: the signature covers every one. */
  params: Record<string, string>;
};

/**
 * Twilio's inbound-message webhook: checks X-Twilio-Signature first (a forged or unsigned request is refused
 * and changes nothing), then acts on the keyword. Returns what to answer: 403, or 200 with the reply text.
 */
export async function receiveInboundSms(
  deps: { db: Database; clock: () => Date },
  webhook: InboundWebhook,
): Promise<{ status: 403; reason: string } | ({ status: 200 } & InboundSmsResult)> {
  if (!webhook.authToken) return { status: 403, reason: "SMS is not configured." };
  if (!verifyTwilioSignature(webhook.authToken, webhook.signature, webhook.url, webhook.params)) {
    return { status: 403, reason: "The request's Twilio signature is missing or wrong." };
  }
  const result = await handleInboundSms(deps, {
    from: webhook.params.From ?? "",
    to: webhook.params.To ?? "",
    body: webhook.params.Body ?? "",
    messageSid: webhook.params.MessageSid ?? null,
  });
  return { status: 200, ...result };
}
