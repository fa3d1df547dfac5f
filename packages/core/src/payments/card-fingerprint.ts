import { createHmac } from "node:crypto";
import type { CardBrand } from "@cannasaas/validators";
import { readCoreEnv } from "../env";
import { DomainError } from "../errors";

/** What staff read off a debit card at handover (`handoverCardSchema`): never the full number. */
export type HandoverCard = { brand: CardBrand; last4: string; cardholderName: string };

/** Outside production a fixed key stands in, so fingerprints still need a key, just not a secret one. */
const DEV_KEY = "cannasaas-development-only-payment-fingerprint-key";

function fingerprintKey(source?: Record<string, string | undefined>) {
  const env = readCoreEnv(source);
  if (env.PAYMENT_FINGERPRINT_SECRET) return env.PAYMENT_FINGERPRINT_SECRET;
  if (env.hostedProduction)
    throw new Error("PAYMENT_FINGERPRINT_SECRET is not set: cards cannot be recorded. See .env.example.");
  return DEV_KEY;
}

/** A name as people write it on a card or say it: case, accents, punctuation and spacing do not count. */
export function normalizeCardholderName(name: string) {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
}

/**
 * A card's fingerprint at one store: HMAC-SHA256 over the store, brand, last four digits and normalized
 * cardholder name. Those few values could be guessed from a plain hash (10,000 endings times a list of names);
 * without the server's key they cannot. The store is part of it, so one card's fingerprints at two stores differ.
 */
export function cardFingerprint(
  organizationId: string,
  card: HandoverCard,
  source?: Record<string, string | undefined>,
) {
  if (!/^\d{4}$/.test(card.last4))
    throw new DomainError("BAD_REQUEST", "Enter the card's last four digits.", { field: "last4" });
  const name = normalizeCardholderName(card.cardholderName);
  if (!name) throw new DomainError("BAD_REQUEST", "Enter the name on the card.", { field: "cardholderName" });
  return createHmac("sha256", `payment-fingerprint:${fingerprintKey(source)}`)
    .update(JSON.stringify([organizationId, card.brand, card.last4, name]))
    .digest("base64url");
}
