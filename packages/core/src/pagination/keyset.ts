import { DomainError } from "../errors";

const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)?$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a keyset page starts: the sort value (Postgres timestamp text, or "" for id-only order) and the id. */
export type KeysetPosition = [sortValue: string, id: string];

/** A keyset page request: at most `limit` rows after the position an earlier page's `nextCursor` names. */
export type KeysetPageInput = { limit: number; cursor?: string };

/** One page of rows and the cursor of the next page, null on the last one. */
export type KeysetPage<T> = { items: T[]; nextCursor: string | null };

/** Opaque keyset cursors: the sort value and the id of the last row returned. */
export function encodeCursor(sortValue: string, id: string) {
  return Buffer.from(JSON.stringify([sortValue, id]), "utf8").toString("base64url");
}

/**
 * The position a cursor names, null without one. A cursor this module did not make is refused as a bad request,
 * so a crafted value never reaches a cast in SQL.
 */
export function decodeCursor(cursor: string | undefined): KeysetPosition | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      (value[0] === "" || PG_TIMESTAMP.test(value[0])) &&
      UUID_PATTERN.test(value[1])
    )
      return value as KeysetPosition;
  } catch {
    // fall through
  }
  throw new DomainError("BAD_REQUEST", "The cursor is not one this API returned. Start without it.", {
    fields: { cursor: "Unknown cursor." },
  });
}

/**
 * Cuts rows fetched with `limit + 1` down to one page: the extra row only tells that another page exists, and the
 * cursor points at the last row kept.
 */
export function keysetPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): KeysetPage<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more && items.length ? cursorOf(items[items.length - 1]!) : null };
}
