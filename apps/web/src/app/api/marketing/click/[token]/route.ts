import { marketingLinkKey, recordClick } from "@cannasaas/core";
import { observeRoute } from "@cannasaas/api/rest";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/**
 * A tracked link of a marketing email: counts the click and redirects to the address the signature covers.
 * An altered or made-up token redirects nowhere (404), so this is never an open redirect.
 */
export const GET = observeRoute(
  "/api/marketing/click/[token]",
  async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    const deps = await getDeps();
    const url = await recordClick(deps.db, token, marketingLinkKey(), deps.clock());
    if (!url) {
      return new Response("This link is not valid. Open the store's website directly.", {
        status: 404,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      });
    }
    return new Response(null, { status: 302, headers: { location: url, "cache-control": "no-store" } });
  },
);
