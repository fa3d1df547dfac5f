import { MAX_DOCUMENT_BYTES, type IdentityDocumentKind } from "@cannasaas/core";
import { formText } from "~/lib/form";
import { errorResponse, isSameOrigin } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

/** Multipart form fields and the 5 MB file, plus room for the multipart framing. */
const MAX_BODY_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;
const refuse = (status: number, error: string) => Response.json({ error }, { status });

/** ID and medical-card upload: multipart/form-data with kind, documentNumber, issuingState, expiresOn, file. */
export async function POST(request: Request) {
  if (!isSameOrigin(request)) return refuse(403, "Upload from the store's own page.");
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    return refuse(413, "The file is larger than 5 MB. Use a smaller photo or scan.");
  }
  const form = await request.formData().catch(() => null);
  const file = form?.get("file");
  if (!form || !(file instanceof File) || file.size === 0) {
    return refuse(400, "Choose a photo or scan of the document.");
  }
  if (file.size > MAX_DOCUMENT_BYTES)
    return refuse(413, "The file is larger than 5 MB. Use a smaller photo or scan.");
  try {
    const api = await serverApi();
    const result = await api.shopperAccount.documents.submit({
      // The procedure's schema refuses anything that is not a known kind.
      kind: formText(form, "kind") as IdentityDocumentKind,
      documentNumber: formText(form, "documentNumber"),
      issuingState: formText(form, "issuingState"),
      expiresOn: formText(form, "expiresOn"),
      file: new Uint8Array(await file.arrayBuffer()),
    });
    return Response.json(result, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
