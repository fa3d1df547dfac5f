import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@cannasaas/db/client";
import { aiUsage, organizations, productCopy, products } from "@cannasaas/db/schema";
import { createTestDatabase } from "@cannasaas/db/testing";
import { createClaudeProvider } from "@cannasaas/integrations/ai";
import type { KV } from "@cannasaas/integrations/kv";
import { startAnthropicStandIn, type AnthropicStandIn } from "@cannasaas/integrations/testing";
import {
  acceptCopyDraft,
  approvedCopyFor,
  COPY_LIMITS,
  COPY_TONES,
  copyCoverage,
  copyFlags,
  generateProductCopy,
  invalidatePlanCache,
  listCopyDrafts,
  loadCopyFacts,
  readMenuProduct,
  rejectCopyDraft,
  templateCopy,
  type CopyFacts,
  type ProductCopyText,
} from "../../src";
import { createFixtureTenant, createTestKv, type FixtureTenant } from "../../src/testing";
import { sayOnly, sequence } from "./scripted-model";

const KEY = "sk-ant-test-product-copy";
let handle: DatabaseHandle;
let kv: KV;
let closeKv: () => Promise<void>;
let standIn: AnthropicStandIn;
let a: FixtureTenant;
let b: FixtureTenant;

const FACTS: CopyFacts = {
  productId: "p",
  name: "Lemon Haze Reserve",
  category: "Flower",
  categorySlug: "flower",
  brand: "Coastal Farms",
  strainName: "Lemon Haze",
  strainType: "sativa",
  thcBps: 2250,
  cbdBps: 10,
  thcMg: null,
  cbdMg: null,
  effects: ["Energetic", "Happy", "Creative"],
  terpenes: ["Limonene", "Terpinolene"],
  description: null,
  storeName: "Greenleaf Dispensary",
  state: "CA",
};

const GOOD_JSON = JSON.stringify({
  description:
    "Blue Dream is a hybrid flower with a bright, berry-forward nose. Customers commonly report feeling relaxed and happy. Find it on our menu.",
  tagline: "Berry-bright hybrid flower",
  seoTitle: "Blue Dream | Flower",
  seoDescription: "Shop Blue Dream, a hybrid flower. Order ahead for pickup.",
});
const MEDICAL_JSON = JSON.stringify({
  description:
    "This strain relieves chronic pain and anxiety. It is completely safe. Start with 2.5 mg and wait two hours.",
  tagline: "Your remedy for insomnia",
  seoTitle: "Pain relief flower",
  seoDescription: "The best flower for anxiety.",
});

const claude = () =>
  createClaudeProvider({ apiKey: KEY, baseUrl: standIn.url, maxRetries: 1, timeoutMs: 2_000 });
const depsWith = (ai: "claude" | null) => ({
  db: handle.db,
  kv,
  clock: () => new Date(),
  ai: ai ? claude() : null,
});
const actorOf = (t: FixtureTenant) => ({ organizationId: t.org.id, userId: t.staff.owner.id });

beforeAll(async () => {
  handle = await createTestDatabase();
  const testKv = await createTestKv();
  kv = testKv.kv;
  closeKv = () => testKv.close();
  a = await createFixtureTenant(handle.db, { tag: "copy-a", passwordHash: "x" });
  b = await createFixtureTenant(handle.db, { tag: "copy-b", passwordHash: "x" });
  await handle.db
    .update(products)
    .set({ effects: ["Relaxed", "Happy"], terpenes: ["Myrcene", "Pinene"], strainName: "Blue Dream" })
    .where(eq(products.id, a.products[0]!.id));
  standIn = await startAnthropicStandIn({ apiKey: KEY, script: sayOnly(GOOD_JSON) });
});
afterAll(async () => {
  await standIn?.close();
  await closeKv?.();
  await handle?.close();
});
beforeEach(() => {
  standIn.setScript(sayOnly(GOOD_JSON));
  standIn.requests.length = 0;
});

describe("template copy (AI off)", () => {
  it("writes every field from the product's facts, the same way every time", () => {
    const copy = templateCopy(FACTS, "professional");
    expect(copy).toEqual(templateCopy(FACTS, "professional"));
    expect(copy.description).toContain("Lemon Haze Reserve is a sativa flower from Coastal Farms");
    expect(copy.description).toContain("22.5% THC and 0.1% CBD");
    expect(copy.description).toContain("limonene and terpinolene");
    expect(copy.description).toContain("commonly report feeling energetic, happy and creative");
    expect(copy.seoTitle).toBe("Lemon Haze Reserve | Flower | Greenleaf Dispensary");
    expect(copy.seoDescription).toContain("Shop Lemon Haze Reserve");
  });

  it("differs by tone, stays within every length limit and passes the compliance check in every tone", () => {
    const texts = new Set<string>();
    for (const tone of COPY_TONES) {
      const copy = templateCopy(FACTS, tone);
      texts.add(copy.description);
      for (const field of Object.keys(COPY_LIMITS) as (keyof typeof COPY_LIMITS)[])
        expect(copy[field].length, `${tone} ${field}`).toBeLessThanOrEqual(COPY_LIMITS[field]);
      expect(copyFlags(copy), tone).toEqual([]);
    }
    expect(texts.size).toBe(COPY_TONES.length);
  });

  it("writes sensible copy for an edible with milligram potency and no terpenes or effects", () => {
    const copy = templateCopy(
      {
        ...FACTS,
        name: "Night Gummies",
        category: "Edibles",
        categorySlug: "edible",
        strainType: null,
        thcBps: null,
        cbdBps: null,
        thcMg: 100,
        terpenes: [],
        effects: [],
        brand: null,
        strainName: null,
      },
      "casual",
    );
    expect(copy.description).toContain("Meet Night Gummies: an edible.");
    expect(copy.description).toContain("100 mg THC per package");
    expect(copy.description).not.toMatch(/undefined|null|NaN/);
    expect(copyFlags(copy)).toEqual([]);
  });
});

describe("the compliance check", () => {
  it("flags medical claims, safety claims and dosing advice, naming the field and sentence", () => {
    const flags = copyFlags(JSON.parse(MEDICAL_JSON) as ProductCopyText);
    const topics = new Set(flags.map((f) => f.topic));
    expect(topics).toEqual(new Set(["medical", "safety_claim", "dosing"]));
    expect(flags).toContainEqual({
      field: "tagline",
      topic: "medical",
      sentence: "Your remedy for insomnia",
    });
  });
});

describe("generating copy", () => {
  it("with AI off files a template draft that says so, changes nothing on the product, and counts a local answer", async () => {
    const product = a.products[0]!;
    const result = await generateProductCopy(depsWith(null), actorOf(a), {
      productId: product.id,
      tone: "luxury",
    });
    expect(result.source).toBe("template");
    expect(result.notice).toMatch(/AI is off/);
    expect(result.copy.description).toContain("copy-a Blue Dream");
    expect(result.copy.description).toContain("myrcene and pinene");
    const [row] = await handle.db.select().from(products).where(eq(products.id, product.id));
    expect(row!.description).toBeNull();
    const drafts = await listCopyDrafts(handle.db, a.org.id, { productId: product.id, status: "pending" });
    expect(drafts.map((d) => d.id)).toContain(result.draftId);
    const usage = await handle.db
      .select()
      .from(aiUsage)
      .where(and(eq(aiUsage.organizationId, a.org.id), eq(aiUsage.feature, "product_copy")));
    expect(usage.reduce((n, u) => n + u.localAnswers, 0)).toBeGreaterThanOrEqual(1);
  });

  it("with Claude sends the product's facts as data, records the tokens and files Claude's draft", async () => {
    const product = a.products[1]!;
    const before = await tokensOf(a);
    const result = await generateProductCopy(depsWith("claude"), actorOf(a), {
      productId: product.id,
      tone: "professional",
    });
    expect(result.source).toBe("claude");
    expect(result.notice).toBeNull();
    expect(result.copy.tagline).toBe("Berry-bright hybrid flower");
    expect(result.flags).toEqual([]);
    const body = JSON.stringify(standIn.requests[0]!.body.messages);
    expect(body).toContain("copy-a OG Kush");
    expect(body).toContain("indica");
    expect(await tokensOf(a)).toBeGreaterThan(before);
  });

  it("flags a misbehaving model's medical claims, and refuses to publish them until they are edited out", async () => {
    standIn.setScript(sayOnly(`Here you go:\n\`\`\`json\n${MEDICAL_JSON}\n\`\`\``));
    const product = a.products[1]!;
    const result = await generateProductCopy(depsWith("claude"), actorOf(a), {
      productId: product.id,
      tone: "medical",
    });
    expect(result.source).toBe("claude");
    expect(result.flags.map((f) => f.topic)).toEqual(
      expect.arrayContaining(["medical", "dosing", "safety_claim"]),
    );
    await expect(
      acceptCopyDraft(depsWith(null), actorOf(a), { draftId: result.draftId, copy: result.copy }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const edited = templateCopy(await loadCopyFacts(handle.db, a.org.id, product.id), "medical");
    await acceptCopyDraft(depsWith(null), actorOf(a), { draftId: result.draftId, copy: edited });
    const [row] = await handle.db.select().from(products).where(eq(products.id, product.id));
    expect(row!.description).toBe(edited.description);
  });

  it.each([
    ["malformed JSON", sayOnly("I'd love to help! Blue Dream is great.")],
    ["a server error", sequence({ kind: "error", status: 500 }, { kind: "error", status: 500 })],
    [
      "a refusal",
      () => ({
        kind: "message" as const,
        blocks: [{ type: "text" as const, text: "I can't." }],
        stopReason: "refusal",
      }),
    ],
  ])("falls back to the template, saying so, on %s", async (_, script) => {
    standIn.setScript(script);
    const result = await generateProductCopy(depsWith("claude"), actorOf(a), {
      productId: a.products[2]!.id,
      tone: "casual",
    });
    expect(result.source).toBe("template");
    expect(result.notice).toMatch(/Claude could not write this copy/);
    expect(result.copy.description).toContain("copy-a Gummies");
  });

  it("uses the template on a plan without AI, without calling the model", async () => {
    await handle.db.update(organizations).set({ plan: "starter" }).where(eq(organizations.id, b.org.id));
    await invalidatePlanCache({ db: handle.db, kv }, b.org.id);
    const result = await generateProductCopy(depsWith("claude"), actorOf(b), {
      productId: b.products[0]!.id,
      tone: "professional",
    });
    expect(result.source).toBe("template");
    expect(result.notice).toMatch(/Professional/);
    expect(standIn.requests).toHaveLength(0);
  });
});

describe("review before publishing", () => {
  it("publishes an accepted draft's description, tagline and SEO texts, and refuses a second decision", async () => {
    const product = a.products[0]!;
    const { draftId, copy } = await generateProductCopy(depsWith(null), actorOf(a), {
      productId: product.id,
      tone: "professional",
    });
    const edited = { ...copy, tagline: "Edited by a person" };
    await acceptCopyDraft(depsWith(null), actorOf(a), { draftId, copy: edited });
    const [row] = await handle.db.select().from(products).where(eq(products.id, product.id));
    expect(row!.description).toBe(copy.description);
    expect(await approvedCopyFor(handle.db, a.org.id, [product.id])).toEqual([
      {
        productId: product.id,
        tagline: "Edited by a person",
        seoTitle: copy.seoTitle,
        seoDescription: copy.seoDescription,
      },
    ]);
    const page = await readMenuProduct(depsWith(null), a.org.id, product.slug);
    expect(page!.description).toBe(copy.description);
    expect(page!.copy).toEqual({
      tagline: "Edited by a person",
      seoTitle: copy.seoTitle,
      seoDescription: copy.seoDescription,
    });
    await expect(rejectCopyDraft(depsWith(null), actorOf(a), draftId)).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("never overwrites copy approved after the draft was made, unless the reviewer chooses to replace it", async () => {
    const product = a.products[0]!;
    const older = await generateProductCopy(depsWith(null), actorOf(a), {
      productId: product.id,
      tone: "casual",
    });
    const newer = await generateProductCopy(depsWith(null), actorOf(a), {
      productId: product.id,
      tone: "luxury",
    });
    await acceptCopyDraft(depsWith(null), actorOf(a), { draftId: newer.draftId, copy: newer.copy });
    await expect(
      acceptCopyDraft(depsWith(null), actorOf(a), { draftId: older.draftId, copy: older.copy }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const [row] = await handle.db.select().from(products).where(eq(products.id, product.id));
    expect(row!.description).toBe(newer.copy.description);
    await acceptCopyDraft(depsWith(null), actorOf(a), {
      draftId: older.draftId,
      copy: older.copy,
      replaceChanged: true,
    });
    const [after] = await handle.db.select().from(productCopy).where(eq(productCopy.productId, product.id));
    expect(after!.draftId).toBe(older.draftId);
  });

  it("keeps organizations apart: no generating, listing, accepting or rejecting another's drafts", async () => {
    await expect(
      generateProductCopy(depsWith(null), actorOf(b), { productId: a.products[0]!.id, tone: "casual" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { draftId, copy } = await generateProductCopy(depsWith(null), actorOf(a), {
      productId: a.products[2]!.id,
      tone: "casual",
    });
    expect((await listCopyDrafts(handle.db, b.org.id)).map((d) => d.id)).not.toContain(draftId);
    await expect(acceptCopyDraft(depsWith(null), actorOf(b), { draftId, copy })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(rejectCopyDraft(depsWith(null), actorOf(b), draftId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await approvedCopyFor(handle.db, b.org.id, [a.products[0]!.id])).toEqual([]);
  });
});

async function tokensOf(t: FixtureTenant) {
  const rows = await handle.db
    .select()
    .from(aiUsage)
    .where(and(eq(aiUsage.organizationId, t.org.id), eq(aiUsage.feature, "product_copy")));
  return rows.reduce((n, r) => n + r.inputTokens + r.outputTokens + r.requests, 0);
}

describe("coverage for bulk runs", () => {
  it("counts each product's waiting drafts and says whether copy is published, for the organization only", async () => {
    const before = await copyCoverage(handle.db, b.org.id);
    const target = b.products[1]!.id;
    const start = before.find((p) => p.productId === target)!.pendingDrafts;
    await generateProductCopy(depsWith(null), actorOf(b), { productId: target, tone: "casual" });
    const after = await copyCoverage(handle.db, b.org.id);
    expect(after.find((p) => p.productId === target)!.pendingDrafts).toBe(start + 1);
    expect(after.find((p) => p.productId === target)!.published).toBe(false);
    expect(after.map((p) => p.productId)).not.toContain(a.products[0]!.id);
    const published = (await copyCoverage(handle.db, a.org.id)).find(
      (p) => p.productId === a.products[0]!.id,
    );
    expect(published!.published).toBe(true);
  });
});
