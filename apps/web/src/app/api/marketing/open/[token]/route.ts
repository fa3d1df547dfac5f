import { marketingLinkKey, recordOpen } from "@cannasaas/core";
import { observeRoute } from "@cannasaas/api/rest";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/** A transparent 1x1 GIF. */
const PIXEL = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");

/** The open-tracking pixel of a marketing email: records the first open; always answers the image. */
export const GET = observeRoute(
  "/api/marketing/open/[token]",
  async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    const deps = await getDeps();
    await recordOpen(deps.db, token, marketingLinkKey(), deps.clock());
    return new Response(PIXEL, {
      headers: { "content-type": "image/gif", "cache-control": "no-store, private" },
    });
  },
);
