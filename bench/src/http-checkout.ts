import http from "node:http";
import { and, eq } from "drizzle-orm";
import type { Database } from "@cannasaas/db/client";
import {
  customers,
  identityDocuments,
  inventoryLevels,
  locations,
  organizations,
  products,
  productVariants,
  users,
} from "@cannasaas/db/schema";
import { availableSlots, createApiKey, systemClock } from "@cannasaas/core";
import { createMemoryKv } from "@cannasaas/integrations/kv";
import { percentile } from "./stats";

/**
 * `shoppers` ID-verified shoppers each place a pickup order for a different product at the same moment,
 * through the public REST API (POST /api/v1/orders: the storefront's checkout behind an API key), `rounds`
 * times. Every order is a new shopper's first of the day: one shopper buying three products would meet the
 * state's daily limit (California's 28.5 g of flower), which is a refusal by a rule, not a cost of checkout.
 * Reports how many succeeded, every refusal by status and message, and the latency of every order as the
 * client saw it.
 */
export async function httpCheckout(
  db: Database,
  slug: string,
  port: number,
  shoppers: number,
  rounds: number,
) {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  const orgId = org!.id;
  const [location] = await db.select().from(locations).where(eq(locations.organizationId, orgId)).limit(1);
  const variants = await db
    .select({ id: productVariants.id })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(and(eq(productVariants.organizationId, orgId), eq(products.status, "active")))
    .orderBy(productVariants.sku)
    .limit(shoppers * rounds);
  for (const v of variants) {
    await db
      .update(inventoryLevels)
      .set({ onHand: 100, reserved: 0 })
      .where(and(eq(inventoryLevels.variantId, v.id), eq(inventoryLevels.locationId, location!.id)));
  }
  const runId = Date.now().toString(36);
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: shoppers * rounds }, (_, i) => ({
        email: `http-${runId}-${i}@bench.test`,
        dateOfBirth: "1990-01-01",
        emailVerified: new Date(),
      })),
    )
    .returning({ id: users.id });
  const buyers = await db
    .insert(customers)
    .values(people.map((u) => ({ organizationId: orgId, userId: u.id })))
    .returning({ id: customers.id });
  await db.insert(identityDocuments).values(
    buyers.map((c) => ({
      organizationId: orgId,
      customerId: c.id,
      kind: "government_id" as const,
      status: "approved" as const,
      reviewedAt: new Date(),
    })),
  );
  const { secret } = await createApiKey({ db, kv: createMemoryKv(), clock: systemClock }, orgId, {
    name: `bench ${runId}`,
    scopes: ["orders:write"],
    rateLimit: 100_000,
    createdBy: null,
  });

  const post = (agent: http.Agent, body: unknown) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/api/v1/orders",
          method: "POST",
          agent,
          headers: {
            host: `localhost:${port}`,
            authorization: `Bearer ${secret}`,
            "content-type": "application/json",
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
          );
        },
      );
      req.on("error", (error) => resolve({ status: 0, body: error.message }));
      req.end(JSON.stringify(body));
    });

  const latencies: number[] = [];
  let placed = 0;
  const failures = new Map<string, { status: number; message: string; count: number }>();
  for (let round = 0; round < rounds; round++) {
    // The store's next pickup time, so the bench runs whether or not the store is open now.
    const pickupAt = availableSlots(location!, "pickup", new Date())[0]?.startsAt.toISOString();
    // A new agent each round: a socket kept idle through a whole round can be closed by the server's
    // keep-alive timeout just as it is reused, which would count as a failed order.
    const agent = new http.Agent({ keepAlive: true, maxSockets: shoppers });
    await Promise.all(
      buyers.slice(round * shoppers, (round + 1) * shoppers).map(async (buyer, i) => {
        const started = performance.now();
        const answer = await post(agent, {
          customerId: buyer.id,
          locationId: location!.id,
          items: [{ variantId: variants[round * shoppers + i]!.id, quantity: 1 }],
          pickupAt,
        });
        latencies.push(performance.now() - started);
        if (answer.status === 201) placed++;
        else {
          const message = refusalMessage(answer.body);
          const key = `${answer.status} ${message}`;
          const seen = failures.get(key) ?? { status: answer.status, message, count: 0 };
          seen.count++;
          failures.set(key, seen);
        }
      }),
    );
    agent.destroy();
  }
  return {
    orders: latencies.length,
    placed,
    failed: latencies.length - placed,
    /** Refused or failed orders by HTTP status (0: no answer) and message, most frequent first. */
    failures: [...failures.values()].sort((a, b) => b.count - a.count),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** The API's `{ error: { code, message } }` as "code: message", or the start of whatever else came back. */
function refusalMessage(body: string) {
  try {
    const { error } = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (error?.message) return `${error.code ?? "error"}: ${error.message}`;
  } catch {
    // not JSON
  }
  return body.slice(0, 200) || "(no body)";
}
