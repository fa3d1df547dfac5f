import { and, asc, desc, eq, ne } from "drizzle-orm";
import type { Database, Transaction as Tx } from "@cannasaas/db/client";
import { customerAddresses } from "@cannasaas/db/schema";
import { DomainError } from "../errors";
import type { AddressInput } from "./schemas";
import { activeCustomer, type CustomerScope } from "./scope";

export const MAX_ADDRESSES = 10;

const ofCustomer = (scope: CustomerScope) =>
  and(
    eq(customerAddresses.organizationId, scope.organizationId),
    eq(customerAddresses.customerId, scope.customerId),
  );

const fields = {
  id: customerAddresses.id,
  label: customerAddresses.label,
  line1: customerAddresses.line1,
  line2: customerAddresses.line2,
  city: customerAddresses.city,
  state: customerAddresses.state,
  postalCode: customerAddresses.postalCode,
  isDefault: customerAddresses.isDefault,
};

/** The default address first, then the newest. */
export async function listAddresses(db: Database, scope: CustomerScope) {
  return db
    .select(fields)
    .from(customerAddresses)
    .where(ofCustomer(scope))
    .orderBy(desc(customerAddresses.isDefault), desc(customerAddresses.createdAt), asc(customerAddresses.id));
}

async function makeDefault(tx: Tx, scope: CustomerScope, addressId: string) {
  await tx
    .update(customerAddresses)
    .set({ isDefault: false })
    .where(and(ofCustomer(scope), ne(customerAddresses.id, addressId)));
  await tx.update(customerAddresses).set({ isDefault: true }).where(eq(customerAddresses.id, addressId));
}

async function findAddress(tx: Tx, scope: CustomerScope, addressId: string) {
  const [row] = await tx
    .select()
    .from(customerAddresses)
    .where(and(ofCustomer(scope), eq(customerAddresses.id, addressId)));
  if (!row) throw new DomainError("NOT_FOUND", "That address does not exist.");
  return row;
}

/** The first address becomes the default; the customer row lock serialises concurrent adds against the cap. */
export async function addAddress(db: Database, scope: CustomerScope, input: AddressInput) {
  const id = await db.transaction(async (tx) => {
    await activeCustomer(tx, scope, true);
    const existing = await tx
      .select({ id: customerAddresses.id })
      .from(customerAddresses)
      .where(ofCustomer(scope));
    if (existing.length >= MAX_ADDRESSES) {
      throw new DomainError("CONFLICT", `You can keep up to ${MAX_ADDRESSES} addresses. Remove one first.`);
    }
    const { isDefault, ...address } = input;
    const [row] = await tx
      .insert(customerAddresses)
      .values({ ...address, organizationId: scope.organizationId, customerId: scope.customerId })
      .returning({ id: customerAddresses.id });
    if (isDefault || existing.length === 0) await makeDefault(tx, scope, row!.id);
    return row!.id;
  });
  return (await listAddresses(db, scope)).find((a) => a.id === id)!;
}

export async function updateAddress(
  db: Database,
  scope: CustomerScope,
  addressId: string,
  input: AddressInput,
) {
  await db.transaction(async (tx) => {
    await activeCustomer(tx, scope, true);
    await findAddress(tx, scope, addressId);
    const { isDefault, ...address } = input;
    await tx.update(customerAddresses).set(address).where(eq(customerAddresses.id, addressId));
    if (isDefault) await makeDefault(tx, scope, addressId);
  });
  return (await listAddresses(db, scope)).find((a) => a.id === addressId)!;
}

export async function setDefaultAddress(db: Database, scope: CustomerScope, addressId: string) {
  await db.transaction(async (tx) => {
    await activeCustomer(tx, scope, true);
    await findAddress(tx, scope, addressId);
    await makeDefault(tx, scope, addressId);
  });
  return listAddresses(db, scope);
}

/** Removing the default hands the default to the newest remaining address. */
export async function removeAddress(db: Database, scope: CustomerScope, addressId: string) {
  await db.transaction(async (tx) => {
    await activeCustomer(tx, scope, true);
    const row = await findAddress(tx, scope, addressId);
    await tx.delete(customerAddresses).where(eq(customerAddresses.id, addressId));
    if (!row.isDefault) return;
    const [next] = await tx
      .select({ id: customerAddresses.id })
      .from(customerAddresses)
      .where(ofCustomer(scope))
      .orderBy(desc(customerAddresses.createdAt))
      .limit(1);
    if (next) await makeDefault(tx, scope, next.id);
  });
  return listAddresses(db, scope);
}
