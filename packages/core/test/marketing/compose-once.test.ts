import { describe, expect, it } from "vitest";
import { composeMarketingEmail, mergeValuesFor, prepareMarketingEmail, type MarketingStore } from "../../src";

const store = {
  id: "00000000-0000-0000-0000-000000000001",
  name: "Leaf & <Co>",
  slug: "leaf",
  plan: "professional",
  timeZone: "America/Los_Angeles",
  branding: { primaryColor: "#166534" },
  compliance: { adultUseEnabled: true, medicalEnabled: false },
  postalAddress: "1 Main St, Town, CA 90001",
} as unknown as MarketingStore;
const campaign = {
  subject: "{{first_name}}, {{points}} points at {{store}}",
  body: "Hi {{first_name}} ({{tier}}).\n\nSee https://leaf.localhost:3000/menu and https://leaf.localhost:3000/deals today.",
  couponCode: "HELLO10",
};
const tracking = { baseUrl: "http://localhost:3000/api/marketing", key: "k-0123456789abcdef" };
const storefrontOrigin = "http://leaf.localhost:3000";

describe("rendering a campaign once", () => {
  it("gives each recipient exactly the email a per-recipient render gives, values escaped in HTML", async () => {
    const compose = await prepareMarketingEmail({ store, campaign, storefrontOrigin, tracking });
    const people = [
      { name: `O'Brien <b>"&amp;"</b>`, points: 1200, tier: "Gold & Co" },
      { name: null, points: 0, tier: null },
      { name: "__mergefield_store__ Smith", points: 5, tier: "Silver" },
    ];
    for (const [i, p] of people.entries()) {
      const messageId = `00000000-0000-4000-8000-00000000000${i}`;
      const values = mergeValuesFor(p, store.name);
      const once = compose({ values, to: `p${i}@x.test`, messageId });
      const each = await composeMarketingEmail({
        store,
        campaign,
        values,
        to: `p${i}@x.test`,
        storefrontOrigin,
        tracking: { ...tracking, messageId },
      });
      expect(once).toEqual(each);
    }
  });
});
