import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@cannasaas/db/client";
import { supportRequests, users } from "@cannasaas/db/schema";
import { DomainError } from "../errors";

export const SUPPORT_STATUSES = ["open", "closed"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

/** The organization's requests for staff from the storefront assistant, oldest open first (a queue). */
export async function listSupportRequests(
  db: DbOrTx,
  organizationId: string,
  filter: { status?: SupportStatus; limit?: number } = {},
) {
  const status = filter.status ?? "open";
  const rows = await db
    .select({
      id: supportRequests.id,
      status: supportRequests.status,
      message: supportRequests.message,
      contact: supportRequests.contact,
      shopperName: users.name,
      signedIn: sql<boolean>`${supportRequests.userId} is not null`,
      transcript: supportRequests.transcript,
      createdAt: supportRequests.createdAt,
    })
    .from(supportRequests)
    .leftJoin(users, eq(users.id, supportRequests.userId))
    .where(and(eq(supportRequests.organizationId, organizationId), eq(supportRequests.status, status)))
    .orderBy(
      status === "open" ? supportRequests.createdAt : desc(supportRequests.createdAt),
      supportRequests.id,
    )
    .limit(Math.min(filter.limit ?? 100, 200));
  const [counts] = await db
    .select({ open: sql<number>`count(*) filter (where ${supportRequests.status} = 'open')`.mapWith(Number) })
    .from(supportRequests)
    .where(eq(supportRequests.organizationId, organizationId));
  return { requests: rows, openCount: counts?.open ?? 0 };
}

/**
 * Marks a request handled (closed) or opens it again. A conditional update, so two people closing the same
 * request at once both succeed without a lost update; another organization's request is NOT_FOUND.
 */
export async function setSupportRequestStatus(
  db: DbOrTx,
  organizationId: string,
  input: { requestId: string; status: SupportStatus },
) {
  const [row] = await db
    .update(supportRequests)
    .set({ status: input.status })
    .where(and(eq(supportRequests.id, input.requestId), eq(supportRequests.organizationId, organizationId)))
    .returning({ id: supportRequests.id, status: supportRequests.status });
  if (!row) throw new DomainError("NOT_FOUND", "That request does not exist.");
  return row;
}
