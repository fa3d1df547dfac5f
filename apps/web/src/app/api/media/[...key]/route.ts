import { observeRoute } from "@cannasaas/api/rest";
import { readPublicMedia } from "@cannasaas/core";
import { getDeps } from "~/server/deps";

/** Product photos from file storage (local disk by default). Keys are immutable, so they cache forever. */
export const GET = observeRoute(
  "/api/media/[...key]",
  async (_request: Request, { params }: { params: Promise<{ key: string[] }> }) => {
    const { key } = await params;
    const storage = (await getDeps()).storage;
    const media = storage ? await readPublicMedia(storage, key.join("/")) : null;
    if (!media)
      return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
    return new Response(Buffer.from(media.bytes), { headers: media.headers });
  },
);
