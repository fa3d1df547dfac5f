import { auditCsvStream } from "@cannasaas/core";
import { getDeps } from "~/server/deps";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

export const dynamic = "force-dynamic";

/**
 * The audit CSV for a date range (`?from=YYYY-MM-DD&to=YYYY-MM-DD`), for staff with audit.read in the active
 * organization. Streams batch by batch, so the range can be as long as the trail.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  try {
    const approved = await (
      await serverApi()
    ).audit.startExport({
      from: url.searchParams.get("from") ?? "",
      to: url.searchParams.get("to") ?? "",
    });
    const stream = auditCsvStream((await getDeps()).db, approved.organizationId, approved);
    const name = `audit-${url.searchParams.get("from")}-to-${url.searchParams.get("to")}.csv`;
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
