import { orderHistoryCsvStream } from "@cannasaas/core";
import { getDeps } from "~/server/deps";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";
import { historyFilterFromParams } from "../params";

export const dynamic = "force-dynamic";

/**
 * The order history as CSV, with the same filters as the page (`?status=refunded&from=...`), for staff who may
 * export reports in the active organization. Streams in batches; the export is recorded in the audit trail.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  try {
    const { filter } = historyFilterFromParams(Object.fromEntries(groupParams(url.searchParams)));
    const approved = await (await serverApi()).staffOrders.startExport(filter);
    const stream = orderHistoryCsvStream((await getDeps()).db, approved.organizationId, approved.filter);
    return new Response(stream, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="orders.csv"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Repeated parameters (`status`) as arrays, like Next hands them to pages. */
function groupParams(params: URLSearchParams): Array<[string, string | string[]]> {
  return [...new Set(params.keys())].map((key) => {
    const all = params.getAll(key);
    return [key, all.length > 1 ? all : all[0]!];
  });
}
