import { readDocumentFile } from "@cannasaas/core";
import { clientAddress } from "@cannasaas/integrations/client-address";
import { readClientAddressSettings } from "@cannasaas/integrations/env";
import { getDeps } from "~/server/deps";
import { currentUser } from "~/server/request";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The scan of an ID document, for staff allowed to review IDs in the document's organization only. Scans are
 * sealed at rest, so they pass through here to be opened (a presigned bucket URL would hand out ciphertext);
 * each read is recorded in the audit trail, and nothing is cached.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return new Response("Not found", { status: 404 });
  try {
    const doc = await (await serverApi()).idReview.get({ documentId: id });
    const user = await currentUser();
    if (!user) return new Response("Not found", { status: 404 });
    const file = await readDocumentFile(await getDeps(), doc.organizationId, doc.id, {
      userId: user.id,
      label: user.email,
      ip: clientAddress(request.headers, readClientAddressSettings()),
      requestId: request.headers.get("x-request-id"),
    });
    if (!file) return new Response("Not found", { status: 404 });
    return new Response(new Uint8Array(file.bytes), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": "inline",
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
