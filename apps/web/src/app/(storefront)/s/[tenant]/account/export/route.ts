import { errorResponse } from "~/server/route-api";
import { serverApi } from "~/server/trpc";

/** "Download my data": what this store holds about the signed-in shopper, as a JSON file. */
export async function GET() {
  try {
    const data = await (await serverApi()).shopperAccount.export();
    const day = data.exportedAt.slice(0, 10);
    return new Response(JSON.stringify(data, null, 2), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="my-data-${day}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
