import { buildOpenApiDocument } from "@cannasaas/api/rest";
import { publicOriginFor } from "~/server/request";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document, generated from the same zod schemas the API validates with. Public, no key. */
export function GET(request: Request) {
  return Response.json(buildOpenApiDocument({ serverUrl: publicOriginFor(request.headers) }), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
