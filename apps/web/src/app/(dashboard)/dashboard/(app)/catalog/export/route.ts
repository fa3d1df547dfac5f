import { exportCatalogCsv } from "@cannasaas/core";
import { getDeps } from "~/server/deps";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

/** The whole catalog as CSV, streamed page by page, in the format the import reads. */
export async function GET() {
  try {
    const { organizationId } = await (await serverApi()).catalog.exportAccess();
    const { db } = await getDeps();
    const chunks = exportCatalogCsv(db, organizationId);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await chunks.return(undefined);
      },
    });
    const date = new Date().toISOString().slice(0, 10);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="catalog-${date}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
