import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import {
  customerAddresses,
  customers,
  identityDocuments,
  memberships,
  orderItems,
  orders,
  users,
} from "@cannasaas/db/schema";
import {
  addAddress,
  addCartItem,
  eraseCustomer,
  exportCustomerData,
  getCustomerProfile,
  getOrCreateCart,
  listAddresses,
  MAX_ADDRESSES,
  placeOrder,
  removeAddress,
  resolveTenant,
  setCartFulfillment,
  setDefaultAddress,
  submitIdentityDocument,
  updateAddress,
  updateCustomerProfile,
} from "../src";
import { customersWorld, failure, idMetadata, PNG } from "./customers-fixture";

let w: Awaited<ReturnType<typeof customersWorld>>;
beforeAll(async () => {
  w = await customersWorld();
});
afterAll(async () => w?.close());

const home = (line1: string, isDefault?: boolean) => ({
  label: null,
  line1,
  line2: null,
  city: "Denver",
  state: "CO",
  postalCode: "80202",
  isDefault,
});

describe("profile and addresses", () => {
  it("renames the shopper and shows only their own profile", async () => {
    const profile = await updateCustomerProfile(w.handle.db, w.scopeOf(w.a), { name: "Ada Lovelace" });
    expect(profile).toMatchObject({ customerId: w.a.shopper.customerId, name: "Ada Lovelace" });
    expect((await getCustomerProfile(w.handle.db, w.scopeOf(w.a, "minor"))).name).toBe("Minor Shopper");
    const crossed = { organizationId: w.b.org.id, customerId: w.a.shopper.customerId };
    expect((await failure(getCustomerProfile(w.handle.db, crossed))).code).toBe("NOT_FOUND");
  });

  it("makes the first address the default and keeps exactly one default", async () => {
    const scope = w.scopeOf(w.a);
    const first = await addAddress(w.handle.db, scope, home("1 First St"));
    expect(first.isDefault).toBe(true);
    const second = await addAddress(w.handle.db, scope, home("2 Second St", true));
    const third = await addAddress(w.handle.db, scope, home("3 Third St"));
    const defaults = async () =>
      (await listAddresses(w.handle.db, scope)).filter((a) => a.isDefault).map((a) => a.id);
    expect(await defaults()).toEqual([second.id]);
    await setDefaultAddress(w.handle.db, scope, third.id);
    expect(await defaults()).toEqual([third.id]);
    await updateAddress(w.handle.db, scope, first.id, home("1 First Street", true));
    expect(await defaults()).toEqual([first.id]);
    await removeAddress(w.handle.db, scope, first.id);
    expect(await defaults()).toEqual([third.id]);
  });

  it("caps addresses at ten and never touches another customer's", async () => {
    const scope = w.scopeOf(w.b);
    for (let i = 0; i < MAX_ADDRESSES; i++) await addAddress(w.handle.db, scope, home(`${i} Main St`));
    expect((await failure(addAddress(w.handle.db, scope, home("11 Main St")))).code).toBe("CONFLICT");
    const [theirs] = await listAddresses(w.handle.db, scope);
    const other = w.scopeOf(w.b, "minor");
    for (const call of [
      () => updateAddress(w.handle.db, other, theirs!.id, home("hijack")),
      () => removeAddress(w.handle.db, other, theirs!.id),
      () => setDefaultAddress(w.handle.db, other, theirs!.id),
      () => removeAddress(w.handle.db, { ...scope, organizationId: w.a.org.id }, theirs!.id),
    ]) {
      expect((await failure(call())).code).toBe("NOT_FOUND");
    }
    expect(await listAddresses(w.handle.db, other)).toEqual([]);
  });
});

async function placeOrderAt(t: typeof w.a) {
  const tenant = (await resolveTenant(w.deps, t.org.slug))!;
  const cart = await getOrCreateCart(w.handle.db, t.org.id, { customerId: t.shopper.customerId });
  await addCartItem(w.handle.db, t.org.id, cart.id, t.variants[0]!.id, 1);
  await setCartFulfillment(w.handle.db, t.org.id, cart.id, {
    locationId: t.locations[0]!.id,
    fulfillment: "pickup",
  });
  return placeOrder(w.deps, tenant, {
    customerId: t.shopper.customerId,
    cartId: cart.id,
    purchaser: "adult_use",
    paymentMethod: "cash",
  });
}

describe("export and erasure", () => {
  it("exports this store's data about the shopper, without file bytes or other stores' data", async () => {
    const orderId = (await placeOrderAt(w.a)).order.id;
    await submitIdentityDocument(w.deps, { ...w.scopeOf(w.a), timeZone: "UTC" }, idMetadata(), PNG);
    const data = await exportCustomerData(w.handle.db, w.scopeOf(w.a), w.clock.now);
    expect(data.user).toMatchObject({
      email: w.a.shopper.email,
      name: "Ada Lovelace",
      dateOfBirth: "1990-05-01",
    });
    expect(data.customer.id).toBe(w.a.shopper.customerId);
    expect(data.addresses.map((a) => a.line1).sort()).toEqual(["2 Second St", "3 Third St"]);
    expect(data.orders.map((o) => o.id)).toEqual([orderId]);
    expect(data.orders[0]!.items.length).toBe(1);
    expect(data.identityDocuments[0]).toMatchObject({ documentNumber: "D1234567", fileStored: true });
    const json = JSON.stringify(data);
    expect(json).not.toContain("id-docs/");
    expect(json).not.toContain(w.b.org.id);
    expect(json).not.toContain("passwordHash");
  });

  it("erases the customer here, keeps the orders, and anonymises a login nothing else uses", async () => {
    const scope = w.scopeOf(w.a);
    const [doc] = await w.handle.db
      .select()
      .from(identityDocuments)
      .where(eq(identityDocuments.customerId, scope.customerId));
    const ordersBefore = await w.handle.db
      .select()
      .from(orders)
      .where(eq(orders.customerId, scope.customerId));
    await w.handle.db
      .update(customers)
      .set({ marketingPushConsent: true, marketingSmsConsent: true })
      .where(eq(customers.id, scope.customerId));
    expect(await eraseCustomer(w.deps, scope)).toEqual({ erased: true, userAnonymized: true });

    const [customer] = await w.handle.db.select().from(customers).where(eq(customers.id, scope.customerId));
    expect(customer).toMatchObject({
      userId: null,
      marketingEmailConsent: false,
      marketingSmsConsent: false,
      marketingPushConsent: false,
      isMedicalPatient: false,
    });
    expect(customer!.erasedAt).toEqual(w.clock.now);
    expect(
      await w.handle.db
        .select()
        .from(customerAddresses)
        .where(eq(customerAddresses.customerId, scope.customerId)),
    ).toEqual([]);
    const [erasedDoc] = await w.handle.db
      .select()
      .from(identityDocuments)
      .where(eq(identityDocuments.id, doc!.id));
    expect(erasedDoc).toMatchObject({ documentNumber: null, fileKey: null, status: "rejected" });
    expect(await w.storage.get(doc!.fileKey!)).toBeNull();
    const ordersAfter = await w.handle.db
      .select()
      .from(orders)
      .where(eq(orders.customerId, scope.customerId));
    expect(ordersAfter.map((o) => o.id)).toEqual(ordersBefore.map((o) => o.id));
    expect(
      await w.handle.db.select().from(orderItems).where(eq(orderItems.orderId, ordersAfter[0]!.id)),
    ).toHaveLength(1);

    const [user] = await w.handle.db.select().from(users).where(eq(users.id, w.a.shopper.userId));
    expect(user).toMatchObject({
      email: `erased-${user!.id}@invalid`,
      name: null,
      dateOfBirth: null,
      passwordHash: null,
    });
    expect((await failure(exportCustomerData(w.handle.db, scope, w.clock.now))).code).toBe("NOT_FOUND");
    expect((await failure(eraseCustomer(w.deps, scope))).code).toBe("NOT_FOUND");
  });

  it("keeps the login of someone who is still a customer elsewhere or on staff", async () => {
    const person = w.b.shopper.userId;
    const [atA] = await w.handle.db
      .insert(customers)
      .values({ organizationId: w.a.org.id, userId: person })
      .returning();
    expect(await eraseCustomer(w.deps, w.scopeOf(w.b))).toEqual({ erased: true, userAnonymized: false });
    const [user] = await w.handle.db.select().from(users).where(eq(users.id, person));
    expect(user!.email).toBe(w.b.shopper.email);
    const [stillThere] = await w.handle.db.select().from(customers).where(eq(customers.id, atA!.id));
    expect(stillThere!.erasedAt).toBeNull();

    await w.handle.db
      .insert(memberships)
      .values({ organizationId: w.b.org.id, userId: person, role: "viewer" });
    const scope = { organizationId: w.a.org.id, customerId: atA!.id };
    expect(await eraseCustomer(w.deps, scope)).toEqual({ erased: true, userAnonymized: false });
    const remaining = await w.handle.db
      .select()
      .from(customers)
      .where(and(eq(customers.organizationId, w.b.org.id), eq(customers.id, w.b.minor.customerId)));
    expect(remaining[0]!.erasedAt).toBeNull();
  });
});
