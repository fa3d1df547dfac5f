import { handleApiRequest, observeRoute } from "@cannasaas/api/rest";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/** The public REST API: everything (keys, scopes, limits, validation, errors) happens in the api package's dispatcher. */
const handle = observeRoute("/api/v1/[...path]", async (request: Request) =>
  handleApiRequest(await getDeps(), request),
);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
