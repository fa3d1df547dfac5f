import { csvLines } from "@cannasaas/core/csv";
import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";
import { reportParams } from "../params";
import { loadReport } from "../tables";

export const dynamic = "force-dynamic";

/**
 * The report on the page as CSV (each table under its caption; money in whole cents), through core's CSV
 * writer so product and customer names cannot become spreadsheet formulas.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const api = await serverApi();
  let timeZone: string;
  try {
    timeZone = (await api.organization.overview()).organization.timeZone;
  } catch (error) {
    return errorResponse(error);
  }
  const today = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date());
  const p = reportParams(Object.fromEntries(url.searchParams), today);
  const loaded = await loadReport(api, p);
  if (typeof loaded === "string") return Response.json({ error: loaded }, { status: 403 });
  const blocks = loaded.tables.map((t) =>
    csvLines([
      [t.caption],
      t.columns.map((c) => (c.kind === "cents" ? `${c.label} (cents)` : c.label)),
      ...t.rows,
    ]),
  );
  return new Response(blocks.join("\r\n"), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${p.report}-${p.from}-to-${p.to}.csv"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
