import { createHmac, timingSafeEqual } from "node:crypto";
import { readCoreEnv } from "../env";

/** What a tracking link stands for: an open (pixel), a click on `url`, or a one-click unsubscribe. */
export type TrackingClaim =
  | { kind: "open"; messageId: string }
  | { kind: "click"; messageId: string; url: string }
  | { kind: "unsubscribe"; messageId: string };

const KIND_CODES = { open: "o", click: "c", unsubscribe: "u" } as const;

/** The signing key: MARKETING_LINK_SECRET, else AUTH_SECRET (both come from configuration, never a default). */
export function marketingLinkKey(source?: Record<string, string | undefined>): string {
  const env = readCoreEnv(source);
  const key = env.MARKETING_LINK_SECRET ?? env.AUTH_SECRET;
  if (!key) throw new Error("Set MARKETING_LINK_SECRET (or AUTH_SECRET) to sign marketing links.");
  return key;
}

const mac = (key: string, body: string) =>
  createHmac("sha256", `marketing-link:${key}`).update(body).digest("base64url");

/** A token naming the claim, signed with HMAC-SHA256 so that it cannot be altered (no open redirect). */
export function signTrackingToken(claim: TrackingClaim, key: string): string {
  const body = Buffer.from(
    JSON.stringify([KIND_CODES[claim.kind], claim.messageId, claim.kind === "click" ? claim.url : ""]),
  ).toString("base64url");
  return `${body}.${mac(key, body)}`;
}

/** The claim of a token this module signed, or null for anything altered, truncated or made up. */
export function verifyTrackingToken(token: string, key: string): TrackingClaim | null {
  const [body, signature, extra] = token.split(".");
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [code, messageId, url] = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as string[];
    if (typeof messageId !== "string" || !/^[0-9a-f-]{36}$/.test(messageId)) return null;
    if (code === "o") return { kind: "open", messageId };
    if (code === "u") return { kind: "unsubscribe", messageId };
    if (code === "c" && typeof url === "string" && /^https?:\/\//.test(url))
      return { kind: "click", messageId, url };
  } catch {
    return null;
  }
  return null;
}

/** Tracking URLs under the base URL the web app serves them at (from configuration, kept on the campaign). */
export const trackingUrl = (baseUrl: string, claim: TrackingClaim, key: string) =>
  `${baseUrl}/${claim.kind}/${signTrackingToken(claim, key)}`;
