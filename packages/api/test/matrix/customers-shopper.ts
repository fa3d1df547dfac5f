import { expect, it } from "vitest";
import { codeOf } from "../helpers";
import { A, B, HOST, shopperOf } from "./world";
import {
  address,
  idDoc,
  itRefusesOffStorefront,
  newShopper,
  shopperAt,
  withStorage,
} from "./customers-world";

const asA = () => ({ user: shopperOf(A) });

/** An address of a fresh shopper at A, and that shopper. */
async function addressAtA() {
  const owner = await newShopper();
  const added = await (await shopperAt(HOST.a, owner)).shopperAccount.addresses.add(address("1 Owner St"));
  return { owner, addressId: added.id };
}

/** The address must be out of reach of another shopper at A, and of its owner on B's host. */
function itKeepsAddressesPrivate(
  call: (c: Awaited<ReturnType<typeof shopperAt>>, addressId: string) => Promise<unknown>,
) {
  it("refuses another shopper's address, and the owner's address from another store", async () => {
    const { owner, addressId } = await addressAtA();
    expect(await codeOf(call(await shopperAt(HOST.a, shopperOf(B)), addressId))).toBe("NOT_FOUND");
    expect(await codeOf(call(await shopperAt(HOST.b, owner), addressId))).toBe("NOT_FOUND");
    const [kept] = await (await shopperAt(HOST.a, owner)).shopperAccount.addresses.list();
    expect(kept).toMatchObject({ id: addressId, line1: "1 Owner St", isDefault: true });
  });
}

export const shopperAccountEntries: Record<string, () => void> = {
  "shopperAccount.profile": () => {
    it("shows the shopper's own profile, as this store's customer", async () => {
      expect(await (await shopperAt(HOST.a, shopperOf(A))).shopperAccount.profile()).toMatchObject({
        customerId: A.shopper.customerId,
        email: A.shopper.email,
      });
      const atB = await (await shopperAt(HOST.b, shopperOf(A))).shopperAccount.profile();
      expect(atB.customerId).not.toBe(A.shopper.customerId);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.profile());
  },
  "shopperAccount.updateProfile": () => {
    it("renames the caller only and refuses an empty name", async () => {
      const user = await newShopper();
      const caller = await shopperAt(HOST.a, user);
      expect((await caller.shopperAccount.updateProfile({ name: "New Name" })).name).toBe("New Name");
      expect((await (await shopperAt(HOST.a, shopperOf(A))).shopperAccount.profile()).name).toBe(
        "Adult Shopper",
      );
      expect(await codeOf(caller.shopperAccount.updateProfile({ name: " " }))).toBe("BAD_REQUEST");
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.updateProfile({ name: "X" }));
  },
  "shopperAccount.addresses.list": () => {
    it("lists the caller's addresses at this store only", async () => {
      const { owner, addressId } = await addressAtA();
      const ids = async (host: string, user = owner) =>
        (await (await shopperAt(host, user)).shopperAccount.addresses.list()).map((a) => a.id);
      expect(await ids(HOST.a)).toEqual([addressId]);
      expect(await ids(HOST.b)).toEqual([]);
      expect(await ids(HOST.a, shopperOf(A))).not.toContain(addressId);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.addresses.list());
  },
  "shopperAccount.addresses.add": () => {
    it("adds to the caller's own book and validates the address", async () => {
      const { owner } = await addressAtA();
      const caller = await shopperAt(HOST.a, owner);
      const second = await caller.shopperAccount.addresses.add(address("2 Second St"));
      expect(second).toMatchObject({ state: "CO", isDefault: false });
      expect(await codeOf(caller.shopperAccount.addresses.add({ ...address("x"), postalCode: "abc" }))).toBe(
        "BAD_REQUEST",
      );
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.addresses.add(address("1 Main St")));
  },
  "shopperAccount.addresses.update": () => {
    itKeepsAddressesPrivate((c, addressId) =>
      c.shopperAccount.addresses.update({ addressId, ...address("hijack") }),
    );
    itRefusesOffStorefront(asA, (c) =>
      c.shopperAccount.addresses.update({ addressId: crypto.randomUUID(), ...address("x") }),
    );
  },
  "shopperAccount.addresses.remove": () => {
    itKeepsAddressesPrivate((c, addressId) => c.shopperAccount.addresses.remove({ addressId }));
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.addresses.remove({ addressId: crypto.randomUUID() }));
  },
  "shopperAccount.addresses.setDefault": () => {
    itKeepsAddressesPrivate((c, addressId) => c.shopperAccount.addresses.setDefault({ addressId }));
    itRefusesOffStorefront(asA, (c) =>
      c.shopperAccount.addresses.setDefault({ addressId: crypto.randomUUID() }),
    );
  },
  "shopperAccount.documents.list": () => {
    withStorage();
    it("lists the caller's documents at this store only", async () => {
      const owner = await newShopper();
      const { id } = await (await shopperAt(HOST.a, owner)).shopperAccount.documents.submit(idDoc());
      const ids = async (host: string, user = owner) =>
        (await (await shopperAt(host, user)).shopperAccount.documents.list()).map((d) => d.id);
      expect(await ids(HOST.a)).toEqual([id]);
      expect(await ids(HOST.b)).toEqual([]);
      expect(await ids(HOST.a, shopperOf(A))).not.toContain(id);
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.documents.list());
  },
  "shopperAccount.documents.submit": () => {
    withStorage();
    it("files the document under the host store and refuses what is not an image or PDF", async () => {
      const caller = await shopperAt(HOST.b, await newShopper());
      const { id, status } = await caller.shopperAccount.documents.submit(idDoc());
      expect(status).toBe("pending");
      const queue = await (await shopperAt(HOST.b, shopperOf(B))).shopperAccount.documents.list();
      expect(queue.map((d) => d.id)).not.toContain(id);
      const text = new Uint8Array(Buffer.from("not an image"));
      expect(await codeOf(caller.shopperAccount.documents.submit(idDoc({ file: text })))).toBe("BAD_REQUEST");
      expect(await codeOf(caller.shopperAccount.documents.submit(idDoc({ file: "iVBORw0K" })))).toBe(
        "BAD_REQUEST",
      );
    });
    itRefusesOffStorefront(asA, (c) => c.shopperAccount.documents.submit(idDoc()));
  },
};
