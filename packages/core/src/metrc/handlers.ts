import { and, eq } from "drizzle-orm";
import { metrcSyncItems } from "@cannasaas/db/schema";
import type { MetrcAdjustment, MetrcClient } from "@cannasaas/integrations/metrc";
import type { ReceiptPayload } from "./receipt";
import type { MetrcDeps } from "./runtime";
import type { SyncItem } from "./sync-items";

export type Outcome =
  | { type: "sent"; metrcId?: number | null; note?: string }
  | { type: "cancelled"; note: string }
  /** Not yet possible (a void waiting for its receipt): try again later without counting an attempt. */
  | { type: "wait"; ms: number; note: string }
  /** Needs a person; retrying automatically could report twice or cannot succeed. */
  | { type: "dead"; note: string };

/** Tracks whether the current attempt issued a write, so a failure after it is known to be ambiguous. */
export type Attempt = { wrote: boolean };

/**
 * A receipt: if an earlier attempt may have reached METRC, look it up by ExternalReceiptNumber first and post
 * only when METRC answers 404 for it. An empty or garbled answer to the look-up is an error, never "not found".
 */
async function sendReceipt(client: MetrcClient, item: SyncItem, attempt: Attempt): Promise<Outcome> {
  const payload = item.payload as ReceiptPayload;
  if (item.ambiguous) {
    const existing = await client.getReceiptByExternalNumber(item.externalNumber);
    if (existing) {
      return {
        type: "sent",
        metrcId: existing.Id,
        note: "Found in METRC after an unclear answer; not re-posted.",
      };
    }
  }
  attempt.wrote = true;
  const { ids } = await client.createReceipts([payload.receipt]);
  return { type: "sent", metrcId: ids[0] ?? null };
}

/** A void waits until its receipt is known to METRC, then deletes it by METRC's id. */
async function sendVoid(
  deps: Pick<MetrcDeps, "db">,
  client: MetrcClient,
  item: SyncItem,
  attempt: Attempt,
): Promise<Outcome> {
  const [receipt] = await deps.db
    .select()
    .from(metrcSyncItems)
    .where(
      and(
        eq(metrcSyncItems.organizationId, item.organizationId),
        eq(metrcSyncItems.locationId, item.locationId),
        eq(metrcSyncItems.kind, "receipt"),
        eq(metrcSyncItems.externalNumber, item.externalNumber),
      ),
    );
  if (!receipt || receipt.status === "cancelled") {
    return { type: "cancelled", note: "The sale was never reported, so there is nothing to void." };
  }
  if (receipt.status !== "sent") {
    return {
      type: "wait",
      ms: 60_000,
      note: "Waiting for the sale's receipt to reach METRC before voiding it.",
    };
  }
  const metrcId = receipt.metrcId
    ? Number(receipt.metrcId)
    : (await client.getReceiptByExternalNumber(item.externalNumber))?.Id;
  if (!metrcId) {
    return { type: "dead", note: `METRC has no receipt ${item.externalNumber} to void; check it in METRC.` };
  }
  attempt.wrote = true;
  await client.voidReceipt(metrcId);
  return { type: "sent", metrcId };
}

/**
 * METRC cannot look an adjustment up by our id, so after an ambiguous failure it is not re-posted automatically:
 * a person checks the package in METRC and retries only if the adjustment is missing.
 */
async function sendAdjustment(client: MetrcClient, item: SyncItem, attempt: Attempt): Promise<Outcome> {
  const { adjustment } = item.payload as { adjustment: MetrcAdjustment };
  if (item.ambiguous) {
    return {
      type: "dead",
      note: `An earlier attempt may have been recorded by METRC. Check package ${adjustment.Label} in METRC; retry only if the adjustment is missing.`,
    };
  }
  // METRC lists which reasons need a note; sending one without it would only be refused.
  const reason = (await client.adjustReasons()).find((r) => r.Name === adjustment.AdjustmentReason);
  if (!reason) {
    return {
      type: "dead",
      note: `METRC does not know the adjustment reason "${adjustment.AdjustmentReason}".`,
    };
  }
  if (reason.RequiresNote && !adjustment.ReasonNote?.trim()) {
    return {
      type: "dead",
      note: `METRC requires a note for "${reason.Name}" adjustments of package ${adjustment.Label}. Record the adjustment in METRC with its note.`,
    };
  }
  attempt.wrote = true;
  const { ids } = await client.adjustPackages([adjustment]);
  return { type: "sent", metrcId: ids[0] ?? null };
}

export function handle(deps: Pick<MetrcDeps, "db">, client: MetrcClient, item: SyncItem, attempt: Attempt) {
  switch (item.kind) {
    case "receipt":
      return sendReceipt(client, item, attempt);
    case "void":
      return sendVoid(deps, client, item, attempt);
    case "adjustment":
      return sendAdjustment(client, item, attempt);
  }
}
