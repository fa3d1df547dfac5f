import { expect, it } from "vitest";
import { codeOf } from "../helpers";
import { A, HOST, shopperOf } from "./world";
import { itRefusesOffStorefront, newShopper, shopperAt } from "./customers-world";

const asA = () => ({ user: shopperOf(A) });
const browser = () => ({
  endpoint: `https://push.example.test/send/${crypto.randomUUID()}`,
  keys: { p256dh: "B".repeat(87), auth: "a".repeat(22) },
});

/** A fresh shopper with this browser subscribed at A, and whether each caller sees it. */
async function subscribedAtA() {
  const owner = await newShopper();
  const phone = browser();
  await (await shopperAt(HOST.a, owner)).shopperAccount.push.subscribe(phone);
  const sees = async (host: string, user = owner) =>
    (await (await shopperAt(host, user)).shopperAccount.push.status({ endpoint: phone.endpoint })).subscribed;
  return { owner, phone, sees };
}

export const shopperPushEntries: Record<string, () => void> = {
  "shopperAccount.push.status": () => {
    it("answers for the caller's own browser at this store only, with the key to subscribe with", async () => {
      const { sees } = await subscribedAtA();
      expect(await sees(HOST.a)).toBe(true);
      expect(await sees(HOST.b)).toBe(false);
      expect(await sees(HOST.a, shopperOf(A))).toBe(false);
      const status = await (
        await shopperAt(HOST.a, shopperOf(A))
      ).shopperAccount.push.status({ endpoint: null });
      expect(status.subscribed).toBe(false);
      expect(Buffer.from(status.publicKey, "base64url")).toHaveLength(65);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.push.status({ endpoint: null }));
  },
  "shopperAccount.push.subscribe": () => {
    it("subscribes the caller at the host's store and refuses a push address that is not https", async () => {
      const { owner, sees } = await subscribedAtA();
      expect(await sees(HOST.a)).toBe(true);
      expect(await sees(HOST.b)).toBe(false);
      const caller = await shopperAt(HOST.a, owner);
      const plain = { ...browser(), endpoint: "http://169.254.169.254/latest" };
      expect(await codeOf(caller.shopperAccount.push.subscribe(plain))).toBe("BAD_REQUEST");
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.push.subscribe(browser()));
  },
  "shopperAccount.push.unsubscribe": () => {
    it("removes the caller's own browser only, at this store only", async () => {
      const { owner, phone, sees } = await subscribedAtA();
      const remove = async (host: string, user = owner) =>
        (await shopperAt(host, user)).shopperAccount.push.unsubscribe({ endpoint: phone.endpoint });
      expect(await remove(HOST.a, shopperOf(A))).toEqual({ removed: 0 });
      expect(await remove(HOST.b)).toEqual({ removed: 0 });
      expect(await sees(HOST.a)).toBe(true);
      expect(await remove(HOST.a)).toEqual({ removed: 1 });
      expect(await sees(HOST.a)).toBe(false);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.push.unsubscribe({ endpoint: browser().endpoint }));
  },
  "shopperAccount.push.setMarketingConsent": () => {
    it("changes the caller's own consent at the host's store only, and needs a subscribed browser there", async () => {
      const { owner } = await subscribedAtA();
      const consent = async (host: string, user = owner) =>
        (await (await shopperAt(host, user)).shopperAccount.push.status({ endpoint: null })).marketingConsent;
      const atA = await shopperAt(HOST.a, owner);
      expect(await atA.shopperAccount.push.setMarketingConsent({ consent: true })).toEqual({
        marketingPushConsent: true,
      });
      expect(await consent(HOST.a)).toBe(true);
      // Store B has no browser of this shopper: consent cannot be given there, and A's is not B's.
      const atB = await shopperAt(HOST.b, owner);
      expect(await codeOf(atB.shopperAccount.push.setMarketingConsent({ consent: true }))).toBe(
        "BAD_REQUEST",
      );
      expect(await consent(HOST.b)).toBe(false);
      expect(await consent(HOST.a, shopperOf(A))).toBe(false);
      await atA.shopperAccount.push.setMarketingConsent({ consent: false });
      expect(await consent(HOST.a)).toBe(false);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.push.setMarketingConsent({ consent: false }));
  },
};
