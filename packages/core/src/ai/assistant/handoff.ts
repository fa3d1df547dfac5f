import { eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { supportRequests, users } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../../audit/record";
import type { ChatTurn } from "./session";

/** "Can I talk to a person?" and the like. */
export const HANDOFF_REQUEST =
  /\b(talk|speak|chat|connect me)\b[^.!?]{0,25}\b(human|person|someone|staff|budtender|employee|agent|manager|people)\b|\b(real person|human please|contact (the )?(store|staff))\b/i;

/**
 * Records the shopper's request for a person, with the conversation so far, where staff see it; the record and its
 * audit entry commit together. Returns the request's id.
 */
export async function handOffToStaff(
  db: Database,
  input: {
    organizationId: string;
    userId: string | null;
    message: string;
    transcript: ChatTurn[];
    ip: string | null;
    at: Date;
  },
) {
  return db.transaction(async (tx) => {
    const [user] = input.userId
      ? await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId))
      : [];
    const [row] = await tx
      .insert(supportRequests)
      .values({
        organizationId: input.organizationId,
        userId: input.userId,
        contact: user?.email ?? null,
        message: input.message.slice(0, 1000),
        transcript: input.transcript.slice(-12),
        createdAt: input.at,
      })
      .returning({ id: supportRequests.id });
    await recordAuditEvent(tx, {
      organizationId: input.organizationId,
      actor: input.userId ? { kind: "user", id: input.userId } : { kind: "anonymous" },
      action: "assistant.handOff",
      resource: { type: "support_request", id: row!.id },
      ip: input.ip,
      at: input.at,
    });
    return row!.id;
  });
}
