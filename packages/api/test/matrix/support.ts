import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { supportRequests } from "@cannasaas/db/schema";
import type { FixtureTenant } from "@cannasaas/core/testing";
import { codeOf } from "../helpers";
import { A, B, handle } from "./world";
import { refusesOutsiders, staffOf, type Role } from "./staff-refusals";

const READERS: Role[] = ["owner", "admin", "manager", "budtender", "viewer"];
const HANDLERS: Role[] = ["owner", "admin", "manager", "budtender"];

/** A fresh open request of the tenant's own, as the assistant's hand-off writes it. */
async function requestOf(t: FixtureTenant, message = `Please call me (${t.org.slug})`) {
  const [row] = await handle.db
    .insert(supportRequests)
    .values({
      organizationId: t.org.id,
      userId: t.shopper.userId,
      contact: t.shopper.email,
      message,
      transcript: [{ role: "shopper", text: message }],
    })
    .returning();
  return row!;
}

async function statusOf(id: string) {
  const [row] = await handle.db.select().from(supportRequests).where(eq(supportRequests.id, id));
  return row!.status;
}

export const supportEntries: Record<string, () => void> = {
  "support.requests": () => {
    it("lists only the organization's own requests, with the open count", async () => {
      const mine = await requestOf(A);
      const theirs = await requestOf(B);
      const list = await (await staffOf("viewer")).support.requests();
      expect(list.requests.map((r) => r.id)).toContain(mine.id);
      expect(list.requests.map((r) => r.id)).not.toContain(theirs.id);
      expect(list.requests.find((r) => r.id === mine.id)!.contact).toBe(A.shopper.email);
      const own = await handle.db
        .select()
        .from(supportRequests)
        .where(eq(supportRequests.organizationId, A.org.id));
      expect(list.openCount).toBe(own.filter((r) => r.status === "open").length);
    });
    refusesOutsiders((c) => c.support.requests(), READERS);
  },
  "support.setStatus": () => {
    it("closes the organization's own request, and cannot touch another's", async () => {
      const mine = await requestOf(A);
      const theirs = await requestOf(B);
      await (await staffOf("budtender")).support.setStatus({ requestId: mine.id, status: "closed" });
      expect(await statusOf(mine.id)).toBe("closed");
      const closed = await (await staffOf("viewer")).support.requests({ status: "closed" });
      expect(closed.requests.map((r) => r.id)).toContain(mine.id);
      expect(
        await codeOf((await staffOf("owner")).support.setStatus({ requestId: theirs.id, status: "closed" })),
      ).toBe("NOT_FOUND");
      expect(await statusOf(theirs.id)).toBe("open");
    });
    refusesOutsiders(
      async (c) => c.support.setStatus({ requestId: (await requestOf(A)).id, status: "closed" }),
      HANDLERS,
    );
  },
};
