import { z } from "zod";
import { IDENTITY_DOCUMENT_KINDS } from "@cannasaas/db/enums";
import { usStateCodeSchema } from "./address";

/** What a shopper says about an ID or medical card they upload; the account form and the upload route check it. */
export const documentMetadataInput = z.object({
  kind: z.enum(IDENTITY_DOCUMENT_KINDS, { error: "Choose the kind of document." }),
  documentNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9 -]{3,40}$/, "Enter the document number (letters, digits, spaces and dashes)."),
  issuingState: usStateCodeSchema,
  expiresOn: z.iso.date({ error: "Enter the date as YYYY-MM-DD." }),
});
export type DocumentMetadataInput = z.output<typeof documentMetadataInput>;
