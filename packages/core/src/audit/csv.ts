import type { DbOrTx } from "@cannasaas/db/client";
import type { auditEvents } from "@cannasaas/db/schema";
import { csvLines } from "../csv/escape";
import { auditEventBatches } from "./query";

type AuditRow = typeof auditEvents.$inferSelect;

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "created_at",
  "actor_kind",
  "actor_id",
  "actor_label",
  "action",
  "resource_type",
  "resource_id",
  "ip",
  "request_id",
  "input",
  "before",
  "after",
  "prev_hash",
  "hash",
] as const;

export function auditCsvLine(row: AuditRow): string {
  return csvLines([
    [
      row.seq,
      row.createdAt,
      row.actorKind,
      row.actorId,
      row.actorLabel,
      row.action,
      row.resourceType,
      row.resourceId,
      row.ip,
      row.requestId,
      row.input,
      row.before,
      row.after,
      row.prevHash,
      row.hash,
    ],
  ]);
}

/**
 * The CSV export as a byte stream that reads the next batch only when the client has taken the previous one,
 * so a year of records streams in constant memory.
 */
export function auditCsvStream(
  db: DbOrTx,
  organizationId: string,
  range: { from?: Date; to?: Date },
  batchSize = 500,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const batches = auditEventBatches(db, organizationId, range, batchSize);
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLines([AUDIT_CSV_COLUMNS])));
        return;
      }
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value.map(auditCsvLine).join("")));
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
}
