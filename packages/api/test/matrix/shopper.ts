import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { customers } from "@cannasaas/db/schema";
import { codeOf, trpcError } from "../helpers";
import { A, api, B, C, customerCount, customerRow, handle, HOST, NO_STOREFRONT, shopperOf } from "./world";

export const shopperEntries: Record<string, () => void> = {
  "shopper.me": () => {
    it("requires sign-in", async () => {
      expect(await codeOf((await api(HOST.a)).shopper.me())).toBe("UNAUTHORIZED");
    });
    it("treats a session whose account was deleted as signed out", async () => {
      const ghost = { id: "00000000-0000-4000-8000-000000000000", email: "gone@example.test" };
      expect(await codeOf((await api(HOST.a, { user: ghost })).shopper.me())).toBe("UNAUTHORIZED");
    });
    it.each(NO_STOREFRONT)("is NOT_FOUND on %s and creates no customer there", async (host) => {
      const before = await customerCount(C.org.id);
      expect(await codeOf((await api(host, { user: shopperOf(A) })).shopper.me())).toBe("NOT_FOUND");
      expect(await customerCount(C.org.id)).toBe(before);
    });
    it("shows a shopper their own profile at their store", async () => {
      const me = await (await api(HOST.a, { user: shopperOf(A) })).shopper.me();
      expect(me).toMatchObject({
        customerId: A.shopper.customerId,
        email: A.shopper.email,
        name: "Adult Shopper",
      });
    });
    it("makes a shopper a separate customer at another store, with none of the first store's data", async () => {
      await handle.db
        .update(customers)
        .set({ isMedicalPatient: true, loyaltyMember: true, marketingSmsConsent: true })
        .where(eq(customers.id, A.shopper.customerId));
      const before = await customerCount(B.org.id);
      const atB = await (await api(HOST.b, { user: shopperOf(A) })).shopper.me();
      expect(atB.customerId).not.toBe(A.shopper.customerId);
      expect(atB).toMatchObject({
        email: A.shopper.email,
        isMedicalPatient: false,
        loyaltyMember: false,
        marketingSmsConsent: false,
        marketingEmailConsent: false,
      });
      expect(await customerCount(B.org.id)).toBe(before + 1);
      expect((await customerRow(B.org.id, A.shopper.userId))?.id).toBe(atB.customerId);
      // Asking again reuses that customer.
      expect((await (await api(HOST.b, { user: shopperOf(A) })).shopper.me()).customerId).toBe(
        atB.customerId,
      );
    });
    it("never shows one shopper another's profile", async () => {
      const bAtA = await (await api(HOST.a, { user: shopperOf(B) })).shopper.me();
      expect(bAtA.email).toBe(B.shopper.email);
      expect(bAtA.customerId).not.toBe(A.shopper.customerId);
      const minorAtA = await (await api(HOST.a, { user: { id: A.minor.userId } })).shopper.me();
      expect(minorAtA).toMatchObject({ customerId: A.minor.customerId, email: A.minor.email });
    });
  },

  "shopper.updatePreferences": () => {
    it("requires sign-in", async () => {
      expect(
        await codeOf((await api(HOST.a)).shopper.updatePreferences({ marketingEmailConsent: true })),
      ).toBe("UNAUTHORIZED");
    });
    it.each(NO_STOREFRONT)("is NOT_FOUND on %s", async (host) => {
      expect(
        await codeOf(
          (await api(host, { user: shopperOf(A) })).shopper.updatePreferences({
            marketingEmailConsent: true,
          }),
        ),
      ).toBe("NOT_FOUND");
    });
    it("changes only the caller's customer row at the host store", async () => {
      const user = shopperOf(B);
      const otherStoreBefore = await (await api(HOST.a, { user })).shopper.me(); // B's shopper is also a customer of A
      const bShopperBefore = await customerRow(B.org.id, A.shopper.userId);
      const result = await (
        await api(HOST.b, { user })
      ).shopper.updatePreferences({ marketingEmailConsent: true });
      expect(result).toEqual({
        marketingEmailConsent: true,
        marketingSmsConsent: false,
        phone: null,
        timeZone: null,
      });
      expect((await customerRow(B.org.id, B.shopper.userId))?.marketingEmailConsent).toBe(true);
      // The same person's customer row at A, and other shoppers at B, are untouched.
      expect((await customerRow(A.org.id, B.shopper.userId))?.marketingEmailConsent).toBe(
        otherStoreBefore.marketingEmailConsent,
      );
      expect((await customerRow(B.org.id, A.shopper.userId))?.marketingEmailConsent).toBe(
        bShopperBefore?.marketingEmailConsent,
      );
    });
    it("changes made by A's shopper on B's host change the B customer only, never A's row", async () => {
      const user = shopperOf(A);
      await handle.db
        .update(customers)
        .set({ marketingEmailConsent: false, marketingSmsConsent: true })
        .where(eq(customers.id, A.shopper.customerId));
      const homeBefore = await customerRow(A.org.id, A.shopper.userId);

      const atB = await (
        await api(HOST.b, { user })
      ).shopper.updatePreferences({
        marketingEmailConsent: true,
        marketingSmsConsent: false,
      });
      expect(atB).toEqual({
        marketingEmailConsent: true,
        marketingSmsConsent: false,
        phone: null,
        timeZone: null,
      });
      const bRow = await customerRow(B.org.id, A.shopper.userId);
      expect(bRow).toMatchObject({ marketingEmailConsent: true, marketingSmsConsent: false });
      expect(bRow?.id).not.toBe(A.shopper.customerId);

      expect(await customerRow(A.org.id, A.shopper.userId)).toEqual(homeBefore);
      const home = await (await api(HOST.a, { user })).shopper.me();
      expect(home).toMatchObject({
        customerId: A.shopper.customerId,
        marketingEmailConsent: false,
        marketingSmsConsent: true,
      });
    });
    it("accepts an empty change and returns the current preferences", async () => {
      const user = shopperOf(B);
      const current = await (await api(HOST.b, { user })).shopper.me();
      expect(await (await api(HOST.b, { user })).shopper.updatePreferences({})).toEqual({
        marketingEmailConsent: current.marketingEmailConsent,
        marketingSmsConsent: current.marketingSmsConsent,
        phone: null,
        timeZone: null,
      });
    });
    it("saves the shopper's own time zone for text quiet hours at the host store only, and clears it", async () => {
      const user = shopperOf(B);
      const otherStoreBefore = await customerRow(A.org.id, B.shopper.userId);
      const saved = await (
        await api(HOST.b, { user })
      ).shopper.updatePreferences({ timeZone: "America/New_York" });
      expect(saved.timeZone).toBe("America/New_York");
      expect((await customerRow(B.org.id, B.shopper.userId))?.timeZone).toBe("America/New_York");
      expect(await customerRow(A.org.id, B.shopper.userId)).toEqual(otherStoreBefore);

      const refused = await trpcError(
        (await api(HOST.b, { user })).shopper.updatePreferences({ timeZone: "Mars/Olympus_Mons" }),
      );
      expect(refused.code).toBe("BAD_REQUEST");
      expect(refused.message).toContain("Choose a time zone from the list.");
      expect((await customerRow(B.org.id, B.shopper.userId))?.timeZone).toBe("America/New_York");

      const cleared = await (await api(HOST.b, { user })).shopper.updatePreferences({ timeZone: null });
      expect(cleared.timeZone).toBeNull();
    });
    it("saves a mobile number (E.164) on the caller's customer at the host store only; texts need one", async () => {
      const user = shopperOf(B);
      const otherStoreBefore = await customerRow(A.org.id, B.shopper.userId);
      const caller = await api(HOST.b, { user });
      expect(await codeOf(caller.shopper.updatePreferences({ marketingSmsConsent: true }))).toBe(
        "BAD_REQUEST",
      );
      expect(await codeOf(caller.shopper.updatePreferences({ phone: "555-0100" }))).toBe("BAD_REQUEST");
      expect(
        await caller.shopper.updatePreferences({ phone: "(415) 555-0190", marketingSmsConsent: true }),
      ).toMatchObject({ phone: "+14155550190", marketingSmsConsent: true });
      expect(await customerRow(A.org.id, B.shopper.userId)).toEqual(otherStoreBefore);
      // Removing the number turns texts off with it.
      expect(await caller.shopper.updatePreferences({ phone: "" })).toMatchObject({
        phone: null,
        marketingSmsConsent: false,
      });
    });
    it("rejects a non-boolean with BAD_REQUEST", async () => {
      const caller = await api(HOST.a, { user: shopperOf(A) });
      expect(
        await codeOf(
          caller.shopper.updatePreferences({ marketingEmailConsent: "yes" as unknown as boolean }),
        ),
      ).toBe("BAD_REQUEST");
    });
  },
};
