import { eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import { marketingCampaigns } from "@cannasaas/db/schema";
import { recordAuditEvent } from "../audit/record";
import { chooseAbWinner } from "./ab-test";
import { campaignVariantResults } from "./report";

type Campaign = typeof marketingCampaigns.$inferSelect;

/**
 * Chooses the winner of a campaign whose test period has passed, from the variants' tracked results, and records
 * it on the campaign with its audit record. The campaign row is locked as for a batch, so of two runs at once
 * one decides and the other reads the decision. A 50/50 test (share 100) then has nobody left and is sent; a
 * smaller share restarts the cursor for the pass that sends the winner to the rest of the segment. Returns the
 * campaign as it now stands.
 */
export async function decideAbWinner(db: Database, campaignId: string, now: Date): Promise<Campaign | null> {
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(marketingCampaigns)
      .where(eq(marketingCampaigns.id, campaignId))
      .for("update");
    if (
      !current?.abMetric ||
      current.status !== "sending" ||
      current.abWinner ||
      !current.abTestEndsAt ||
      current.abTestEndsAt > now
    ) {
      return current ?? null;
    }
    const results = await campaignVariantResults(tx, current.organizationId, current.id);
    const tally = (v: "a" | "b") => {
      const { sent, opened, clicked, orders } = results[v];
      return { sent, opened, clicked, orders };
    };
    const decision = { a: tally("a"), b: tally("b") };
    const { winner } = chooseAbWinner(decision, current.abMetric);
    const finished = current.abSharePercent === 100;
    const [after] = await tx
      .update(marketingCampaigns)
      .set({
        abWinner: winner,
        abDecidedAt: now,
        abDecision: decision,
        cursorCustomerId: null,
        ...(finished ? { status: "sent" as const, finishedAt: now } : {}),
      })
      .where(eq(marketingCampaigns.id, current.id))
      .returning();
    await recordAuditEvent(tx, {
      organizationId: current.organizationId,
      actor: { kind: "job", id: "marketing", label: "job:marketing" },
      action: "marketing.campaign.ab_winner",
      resource: { type: "marketing_campaign", id: current.id },
      before: { abWinner: null },
      after: { abWinner: winner, metric: current.abMetric, ...decision },
      at: now,
    });
    return after!;
  });
}
