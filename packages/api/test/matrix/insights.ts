import { expect, it } from "vitest";
import { salesDailyItems } from "@cannasaas/db/schema";
import type { FixtureTenant } from "@cannasaas/core/testing";
import { A, B, handle } from "./world";
import { refusesOutsiders, staffOf, type Role } from "./staff-refusals";

const ASKERS: Role[] = ["owner", "admin", "manager"];
const todayInLosAngeles = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles" }).format(new Date());

/** Today's sales of the tenant's Gummies at its second location, straight into the rollup the tools read. */
async function gummiesSoldToday(t: FixtureTenant, units: number) {
  await handle.db
    .insert(salesDailyItems)
    .values({
      organizationId: t.org.id,
      day: todayInLosAngeles(),
      locationId: t.locations[1]!.id,
      variantId: t.variants[2]!.id,
      lines: 1,
      units,
      subtotalCents: units * t.variants[2]!.priceCents,
      totalCents: units * t.variants[2]!.priceCents,
    })
    .onConflictDoNothing();
}

export const insightsEntries: Record<string, () => void> = {
  "insights.status": () => {
    it("says AI is off when no model is configured", async () => {
      expect(await (await staffOf("manager")).insights.status()).toEqual({ aiOn: false, reason: "no_key" });
    });
    refusesOutsiders((c) => c.insights.status(), ASKERS);
  },
  "insights.ask": () => {
    it("answers from the organization's own figures only", async () => {
      await gummiesSoldToday(A, 2);
      await gummiesSoldToday(B, 50);
      const answer = await (await staffOf("manager")).insights.ask({ question: "What sold best today?" });
      const products = answer.figures.flatMap((f) => f.rows.map((r) => String(r.product)));
      expect(products).toContain(`${A.org.slug} Gummies`);
      expect(products.filter((p) => p.startsWith(B.org.slug))).toEqual([]);
      expect(answer.answer).not.toContain(B.org.slug);
      const theirs = await (await staffOf("owner", B)).insights.ask({ question: "What sold best today?" });
      expect(theirs.figures.flatMap((f) => f.rows.map((r) => String(r.product)))).not.toContain(
        `${A.org.slug} Gummies`,
      );
    });
    refusesOutsiders((c) => c.insights.ask({ question: "What was our revenue this week?" }), ASKERS);
  },
};
