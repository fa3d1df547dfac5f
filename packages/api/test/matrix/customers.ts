import { expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { customers, users } from "@cannasaas/db/schema";
import { codeOf } from "../helpers";
import { A, B, customerRow, handle, HOST, shopperOf } from "./world";
import { idReviewEntries } from "./customers-review";
import { shopperAccountEntries } from "./customers-shopper";
import { shopperPushEntries } from "./customers-push";
import {
  address,
  idDoc,
  itRefusesOffStorefront,
  newShopper,
  shopperAt,
  withStorage,
} from "./customers-world";

const asA = () => ({ user: shopperOf(A) });
const CONFIRM = { confirmation: "delete my account" };

export const customerEntries: Record<string, () => void> = {
  ...shopperAccountEntries,
  ...shopperPushEntries,
  ...idReviewEntries,
  "shopperAccount.export": () => {
    withStorage();
    it("exports the caller's data at this store and nothing of anyone else's", async () => {
      const user = await newShopper();
      const atA = await shopperAt(HOST.a, user);
      await atA.shopperAccount.addresses.add(address("7 Export Way"));
      await atA.shopperAccount.documents.submit(idDoc());
      await (await shopperAt(HOST.b, user)).shopperAccount.addresses.add(address("9 Other Store Rd"));
      const data = await atA.shopperAccount.export();
      expect(data.user?.email).toBe(user.email);
      expect(data.addresses.map((a) => a.line1)).toEqual(["7 Export Way"]);
      expect(data.identityDocuments).toHaveLength(1);
      const json = JSON.stringify(data);
      for (const foreign of ["9 Other Store Rd", A.shopper.email, B.org.id, "id-docs/"])
        expect(json).not.toContain(foreign);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.export());
  },
  "shopperAccount.delete": () => {
    withStorage();
    it("needs the confirmation phrase", async () => {
      const caller = await shopperAt(HOST.a, await newShopper());
      expect(await codeOf(caller.shopperAccount.delete({ confirmation: "yes" }))).toBe("BAD_REQUEST");
      expect((await caller.shopperAccount.profile()).name).toBe("Fresh Shopper");
    });
    it("erases the caller at this store only, keeping the person's customer record at the other", async () => {
      const user = await newShopper();
      await (await shopperAt(HOST.b, user)).shopperAccount.addresses.add(address("1 Kept St"));
      const atA = await shopperAt(HOST.a, user);
      const customerAtA = (await atA.shopperAccount.profile()).customerId;
      expect(await atA.shopperAccount.delete(CONFIRM)).toEqual({ erased: true, userAnonymized: false });
      const [erased] = await handle.db.select().from(customers).where(eq(customers.id, customerAtA));
      expect(erased?.erasedAt).not.toBeNull();
      expect((await customerRow(B.org.id, user.id))?.erasedAt).toBeNull();
      const kept = await (await shopperAt(HOST.b, user)).shopperAccount.addresses.list();
      expect(kept.map((a) => a.line1)).toEqual(["1 Kept St"]);
      const [person] = await handle.db.select().from(users).where(eq(users.id, user.id));
      expect(person?.email).toBe(user.email);
      expect((await customerRow(A.org.id, A.shopper.userId))?.erasedAt).toBeNull();
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.delete(CONFIRM));
  },
};
