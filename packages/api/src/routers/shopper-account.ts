import { z } from "zod";
import {
  addAddress,
  addressInput,
  documentMetadataInput,
  eraseCustomer,
  exportCustomerData,
  getCustomerProfile,
  isSubscribedToPush,
  pushSubscriptionInput,
  subscribeToPush,
  unsubscribeFromPush,
  listAddresses,
  listCustomerDocuments,
  MAX_DOCUMENT_BYTES,
  profileInput,
  removeAddress,
  setDefaultAddress,
  setMarketingPushConsent,
  submitIdentityDocument,
  updateAddress,
  updateCustomerProfile,
} from "@cannasaas/core";
import { deleteAccountInput } from "@cannasaas/validators";
import { createPushSender } from "@cannasaas/integrations/push";
import { createTRPCRouter, shopperProcedure } from "../trpc";

const scopeOf = (ctx: { tenant: { id: string }; customerId: string }) => ({
  organizationId: ctx.tenant.id,
  customerId: ctx.customerId,
});
const addressId = z.object({ addressId: z.uuid({ error: "Unknown address." }) });

const addressesRouter = createTRPCRouter({
  list: shopperProcedure.query(({ ctx }) => listAddresses(ctx.deps.db, scopeOf(ctx))),
  add: shopperProcedure
    .input(addressInput)
    .mutation(({ ctx, input }) => addAddress(ctx.deps.db, scopeOf(ctx), input)),
  update: shopperProcedure
    .input(addressInput.extend(addressId.shape))
    .mutation(({ ctx, input: { addressId: id, ...address } }) =>
      updateAddress(ctx.deps.db, scopeOf(ctx), id, address),
    ),
  remove: shopperProcedure
    .input(addressId)
    .mutation(({ ctx, input }) => removeAddress(ctx.deps.db, scopeOf(ctx), input.addressId)),
  setDefault: shopperProcedure
    .input(addressId)
    .mutation(({ ctx, input }) => setDefaultAddress(ctx.deps.db, scopeOf(ctx), input.addressId)),
});

/** The file arrives as bytes from the multipart upload route; it never travels as base64 text. */
const documentFile = z
  .instanceof(Uint8Array, { error: "Choose a photo or scan of the document." })
  .refine((bytes) => bytes.length <= MAX_DOCUMENT_BYTES, "The file is larger than 5 MB.");

const documentsRouter = createTRPCRouter({
  list: shopperProcedure.query(({ ctx }) => listCustomerDocuments(ctx.deps.db, scopeOf(ctx))),
  submit: shopperProcedure
    .input(documentMetadataInput.extend({ file: documentFile }))
    .mutation(({ ctx, input: { file, ...metadata } }) =>
      submitIdentityDocument(ctx.deps, { ...scopeOf(ctx), timeZone: ctx.tenant.timeZone }, metadata, file),
    ),
});

/** The sender the deps carry, else the one the settings choose; only its public key is read here. */
let pushFromSettings: ReturnType<typeof createPushSender> | null = null;
const pushPublicKey = (deps: { push?: { publicKey: string } }) =>
  (deps.push ?? (pushFromSettings ??= createPushSender())).publicKey;

const pushEndpoint = z.string().max(2048, "The push address is too long.");

/**
 * Web push for this browser: the key it subscribes with, whether it is subscribed, the order notifications
 * switch, and the separate consent to deals and news by push (per store, not per browser).
 */
const pushRouter = createTRPCRouter({
  status: shopperProcedure
    .input(z.object({ endpoint: pushEndpoint.nullable() }))
    .query(async ({ ctx, input }) => ({
      publicKey: pushPublicKey(ctx.deps),
      subscribed: input.endpoint
        ? await isSubscribedToPush(ctx.deps.db, scopeOf(ctx), input.endpoint)
        : false,
      marketingConsent: (await getCustomerProfile(ctx.deps.db, scopeOf(ctx))).marketingPushConsent,
    })),
  setMarketingConsent: shopperProcedure
    .input(z.object({ consent: z.boolean() }))
    .mutation(({ ctx, input }) =>
      setMarketingPushConsent(ctx.deps.db, scopeOf(ctx), input.consent, ctx.deps.clock()),
    ),
  subscribe: shopperProcedure
    .input(pushSubscriptionInput)
    .mutation(({ ctx, input }) => subscribeToPush(ctx.deps.db, scopeOf(ctx), input)),
  unsubscribe: shopperProcedure
    .input(z.object({ endpoint: pushEndpoint }))
    .mutation(({ ctx, input }) => unsubscribeFromPush(ctx.deps.db, scopeOf(ctx), input.endpoint)),
});

export const shopperAccountRouter = createTRPCRouter({
  profile: shopperProcedure.query(({ ctx }) => getCustomerProfile(ctx.deps.db, scopeOf(ctx))),
  updateProfile: shopperProcedure
    .input(profileInput)
    .mutation(({ ctx, input }) => updateCustomerProfile(ctx.deps.db, scopeOf(ctx), input)),
  addresses: addressesRouter,
  documents: documentsRouter,
  push: pushRouter,
  export: shopperProcedure.query(({ ctx }) =>
    exportCustomerData(ctx.deps.db, scopeOf(ctx), ctx.deps.clock()),
  ),
  delete: shopperProcedure
    .input(deleteAccountInput)
    .mutation(({ ctx }) => eraseCustomer(ctx.deps, scopeOf(ctx))),
});
