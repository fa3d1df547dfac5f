import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import {
  customers,
  locations,
  marketingAutomations,
  marketingCampaigns,
  marketingMessages,
  marketingSegments,
  organizations,
  outboxMessages,
  users,
} from "../schema";
import { DEMO_ORGS } from "./demo-data";

const DAY = 86_400_000;
/** Recipients of the demo campaign per store: enough for a readable report, few enough to seed quickly. */
const RECIPIENTS = 60;

/**
 * Demo marketing for each launched store: a saved segment (regular customers who agreed to email) and one
 * finished campaign to it, ten days before `now`, with deterministic results: every message delivered, every
 * second one opened, every fifth clicked, the first one unsubscribed. Orders attributed to it are the demo
 * history's own orders by those who clicked, read by the report like any other.
 */
export async function seedDemoMarketing(tx: Transaction, now: Date) {
  const slugs = DEMO_ORGS.filter((o) => o.launchedAt).map((o) => o.slug);
  const orgs = await tx.select().from(organizations).where(inArray(organizations.slug, slugs));
  for (const org of orgs) {
    const [segment] = await tx
      .insert(marketingSegments)
      .values({
        organizationId: org.id,
        name: "Regulars (3+ orders)",
        rules: {
          match: "all",
          groups: [{ match: "all", conditions: [{ field: "orderCount", op: "gte", value: 3 }] }],
        },
      })
      .returning();
    await tx.insert(marketingSegments).values({
      organizationId: org.id,
      name: "Lapsed: no order in 60 days",
      rules: {
        match: "all",
        groups: [{ match: "all", conditions: [{ field: "lastOrder", op: "notWithin", days: 60 }] }],
      },
    });
    const sentAt = new Date(now.getTime() - 10 * DAY);
    const [place] = await tx
      .select()
      .from(locations)
      .where(eq(locations.organizationId, org.id))
      .orderBy(asc(locations.createdAt))
      .limit(1);
    const [campaign] = await tx
      .insert(marketingCampaigns)
      .values({
        organizationId: org.id,
        segmentId: segment!.id,
        name: "Thank-you to our regulars",
        subject: "{{first_name}}, $5 off your next visit to {{store}}",
        body: "Thank you for shopping with us, {{first_name}}. You have {{points}} points.\n\nUse the code below for $5 off this summer.",
        couponCode: "SUMMER5",
        status: "sent",
        scheduledAt: sentAt,
        startedAt: sentAt,
        finishedAt: new Date(sentAt.getTime() + 60_000),
        createdAt: new Date(sentAt.getTime() - DAY),
      })
      .returning();
    const people = await tx
      .select({ id: customers.id, email: users.email, name: users.name })
      .from(customers)
      .innerJoin(users, eq(users.id, customers.userId))
      .where(
        and(
          eq(customers.organizationId, org.id),
          eq(customers.marketingEmailConsent, true),
          isNull(customers.erasedAt),
          sql`(select count(*) from orders o where o.customer_id = ${customers.id} and o.status = 'completed') >= 3`,
        ),
      )
      .orderBy(asc(users.email))
      .limit(RECIPIENTS);
    if (!people.length) continue;
    const address = place
      ? `${place.addressLine1}, ${place.city}, ${place.state} ${place.postalCode}`
      : org.name;
    const outbox = await tx
      .insert(outboxMessages)
      .values(
        people.map((p) => ({
          organizationId: org.id,
          channel: "email" as const,
          topic: "marketing.campaign",
          payload: {
            to: p.email,
            subject: `${p.name?.split(" ")[0] ?? "Hello"}, $5 off your next visit to ${org.name}`,
            text: `Thank you for shopping with us. Use SUMMER5 for $5 off this summer.\n\n--\n${org.name}, ${address}.`,
          },
          status: "sent" as const,
          attempts: 1,
          deliveredVia: "dev-mailbox",
          sentAt,
          createdAt: sentAt,
        })),
      )
      .returning({ id: outboxMessages.id });
    await tx.insert(marketingMessages).values(
      people.map((p, i) => ({
        organizationId: org.id,
        campaignId: campaign!.id,
        customerId: p.id,
        idempotencyKey: `campaign:${campaign!.id}:customer:${p.id}`,
        status: "queued" as const,
        outboxId: outbox[i]!.id,
        openedAt: i % 2 === 0 ? new Date(sentAt.getTime() + (i + 1) * 60_000) : null,
        clickedAt: i % 5 === 0 ? new Date(sentAt.getTime() + (i + 2) * 60_000) : null,
        clicks: i % 5 === 0 ? 1 : 0,
        unsubscribedAt: i === 0 ? new Date(sentAt.getTime() + 3 * 60_000) : null,
        createdAt: sentAt,
      })),
    );
    // The one who unsubscribed no longer gets marketing email.
    await tx.update(customers).set({ marketingEmailConsent: false }).where(eq(customers.id, people[0]!.id));
    await seedDemoAutomations(tx, org, people.slice(1, 1 + AUTOMATED), address, now);
  }
}

/** Reminders already sent by the demo's abandoned-cart automation, over the last two weeks. */
const AUTOMATED = 12;

/**
 * Three automations switched on (abandoned cart after an hour, win-back after 60 days, birthday at 10:00),
 * with links on the local default host, and a fortnight of abandoned-cart results: every reminder delivered,
 * every second opened, every third clicked.
 */
async function seedDemoAutomations(
  tx: Transaction,
  org: typeof organizations.$inferSelect,
  people: Array<{ id: string; email: string; name: string | null }>,
  address: string,
  now: Date,
) {
  const origins = {
    storefrontOrigin: `http://${org.slug}.localhost:3000`,
    trackingBaseUrl: "http://localhost:3000/api/marketing",
  };
  const automations = await tx
    .insert(marketingAutomations)
    .values([
      {
        organizationId: org.id,
        kind: "abandoned_cart" as const,
        enabled: true,
        subject: "{{first_name}}, your cart at {{store}} is waiting",
        body: "You left a few things in your cart, {{first_name}}. They are still there when you are ready.",
        waitMinutes: 60,
        ...origins,
      },
      {
        organizationId: org.id,
        kind: "win_back" as const,
        enabled: true,
        subject: "We miss you at {{store}}, {{first_name}}",
        body: "It has been a while, {{first_name}}. You have {{points}} points waiting for you at {{store}}.",
        couponCode: "SUMMER5",
        waitMinutes: 60 * 24 * 60,
        ...origins,
      },
      {
        organizationId: org.id,
        kind: "birthday" as const,
        enabled: true,
        subject: "Happy birthday from {{store}}, {{first_name}}",
        body: "Happy birthday, {{first_name}}! Everyone at {{store}} wishes you a great day.",
        waitMinutes: 10 * 60,
        ...origins,
      },
      {
        organizationId: org.id,
        kind: "back_in_stock" as const,
        enabled: true,
        subject: "{{product}} is back at {{store}}",
        body: "Good news, {{first_name}}: {{product}}, on your wishlist, is back in stock at {{store}}. Order ahead for pickup before it sells out again.",
        waitMinutes: 15,
        ...origins,
      },
    ])
    .returning();
  const cart = automations.find((a) => a.kind === "abandoned_cart")!;
  if (!people.length) return;
  const at = (i: number) => new Date(now.getTime() - (14 - i) * DAY);
  const outbox = await tx
    .insert(outboxMessages)
    .values(
      people.map((p, i) => ({
        organizationId: org.id,
        channel: "email" as const,
        topic: "marketing.automation.abandoned_cart",
        payload: {
          to: p.email,
          subject: `${p.name?.split(" ")[0] ?? "Hello"}, your cart at ${org.name} is waiting`,
          text: `You left a few things in your cart. They are still there when you are ready.\n\n--\n${org.name}, ${address}.`,
        },
        status: "sent" as const,
        attempts: 1,
        deliveredVia: "dev-mailbox",
        sentAt: at(i),
        createdAt: at(i),
      })),
    )
    .returning({ id: outboxMessages.id });
  await tx.insert(marketingMessages).values(
    people.map((p, i) => ({
      organizationId: org.id,
      automationId: cart.id,
      customerId: p.id,
      idempotencyKey: `automation:${cart.id}:customer:${p.id}:cart:demo-${i}`,
      status: "queued" as const,
      outboxId: outbox[i]!.id,
      openedAt: i % 2 === 0 ? new Date(at(i).getTime() + 30 * 60_000) : null,
      clickedAt: i % 3 === 0 ? new Date(at(i).getTime() + 40 * 60_000) : null,
      clicks: i % 3 === 0 ? 1 : 0,
      createdAt: at(i),
    })),
  );
}
