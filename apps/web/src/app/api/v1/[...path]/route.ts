import { handleApiRequest } from "@cannasaas/core";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

/** The public REST API: everything (keys, scopes, limits, validation, errors) happens in core's dispatcher. */
async function handle(request: Request) {
  return handleApiRequest(await getDeps(), request);
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
