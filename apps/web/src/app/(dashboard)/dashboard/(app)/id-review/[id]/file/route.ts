import { readDocumentFile } from "@cannasaas/core";
import { getDeps } from "~/server/deps";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The scan of an ID document, for staff allowed to review IDs in the document's organization only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) return new Response("Not found", { status: 404 });
  try {
    const doc = await (await serverApi()).idReview.get({ documentId: id });
    const file = await readDocumentFile(await getDeps(), doc.organizationId, doc.id);
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
