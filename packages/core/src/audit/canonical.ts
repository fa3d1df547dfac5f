import { createHash } from "node:crypto";

/** Keys whose values never reach the audit trail (compared lower-case, without `_`, `-` or spaces). */
export const AUDIT_REDACTED_KEYS = new Set([
  "password",
  "passwordhash",
  "currentpassword",
  "newpassword",
  "token",
  "accesstoken",
  "refreshtoken",
  "idtoken",
  "sessiontoken",
  "secret",
  "clientsecret",
  "apikey",
  "apisecret",
  "secretkey",
  "privatekey",
  "dateofbirth",
  "dob",
  "birthdate",
  "idnumber",
  "documentnumber",
  "governmentid",
  "governmentidnumber",
  "driverslicensenumber",
  "medicalcardnumber",
  "cardnumber",
  // A debit card recorded at handover: its last four digits and the cardholder's name stay out of the trail.
  "card",
  "last4",
  "cardholdername",
  "ssn",
  "cvv",
  "pin",
]);
/** Any key containing one of these is redacted too (e.g. `resetToken`, `webhookSecret`). */
const REDACTED_FRAGMENTS = ["password", "secret", "token", "apikey"];
export const REDACTED = "[redacted]";
const MAX_DEPTH = 8;
/** Larger values are replaced by a note: the trail records changes, not bulk payloads. */
export const MAX_AUDIT_VALUE_CHARS = 20_000;

const isRedactedKey = (key: string) => {
  const k = key.toLowerCase().replace(/[\s_-]/g, "");
  return AUDIT_REDACTED_KEYS.has(k) || REDACTED_FRAGMENTS.some((f) => k.includes(f));
};

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Turns anything (a procedure's input or result) into the JSON value that will be stored: dates as ISO strings,
 * bigints as strings, binary data summarised, undefined dropped, secrets and identity numbers redacted. The
 * result survives a round trip through jsonb unchanged, which the hash chain depends on.
 */
export function toAuditJson(value: unknown, depth = 0): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "bigint":
      return value.toString();
    // jsonb cannot hold NUL characters.
    case "string":
      return value.replaceAll("\u0000", "");
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (typeof Blob !== "undefined" && value instanceof Blob) return `[file ${value.size} bytes]`;
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (value instanceof Map) return toAuditJson(Object.fromEntries(value), depth);
  if (value instanceof Set) return toAuditJson([...value], depth);
  if (Array.isArray(value)) return value.map((v) => toAuditJson(v, depth + 1) ?? null);
  const out: Record<string, JsonValue> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (isRedactedKey(key)) {
      if (v !== undefined && v !== null) out[key] = REDACTED;
      continue;
    }
    const json = toAuditJson(v, depth + 1);
    if (json !== undefined) out[key.replaceAll("\u0000", "")] = json;
  }
  return out;
}

/** `toAuditJson`, then a size cap; null when there is nothing to store. */
export function auditValue(value: unknown): JsonValue | null {
  const json = toAuditJson(value);
  if (json === undefined) return null;
  const size = JSON.stringify(json).length;
  return size > MAX_AUDIT_VALUE_CHARS ? { truncated: true, chars: size } : json;
}

/** JSON with object keys sorted at every level: the same value always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The fields a record's hash covers, in the form they are stored. */
export type HashedAuditFields = {
  organizationId: string | null;
  seq: number;
  actorKind: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  input: unknown;
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
  createdAt: Date;
  prevHash: string | null;
};

export function auditHash(f: HashedAuditFields): string {
  return createHash("sha256").update(auditCanonicalText(f)).digest("hex");
}

/** The text a record's hash is the SHA-256 of (UTF-8): its fields as canonical JSON. */
export function auditCanonicalText(f: HashedAuditFields): string {
  return canonicalJson({
    v: 1,
    organizationId: f.organizationId,
    seq: f.seq,
    actorKind: f.actorKind,
    actorId: f.actorId,
    actorLabel: f.actorLabel,
    action: f.action,
    resourceType: f.resourceType,
    resourceId: f.resourceId,
    input: f.input ?? null,
    before: f.before ?? null,
    after: f.after ?? null,
    ip: f.ip,
    requestId: f.requestId,
    createdAt: f.createdAt.toISOString(),
    prevHash: f.prevHash,
  });
}
