import { NextRequest } from "next/server";
import { handlers } from "~/auth";
import { publicOriginFor } from "~/server/request";

/**
 * `next start` builds request.url from its own listen address, not the Host header, so Auth.js would think
 * every request came to the platform domain and send storefront shoppers there after a magic link. Rebuild
 * the URL on the configured origin of the surface the Host chose (never on the Host itself: an IP literal or
 * unknown name gets the platform's).
 */
function atPublicUrl(request: NextRequest): NextRequest {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, publicOriginFor(request.headers));
  return new NextRequest(url, request);
}

export const GET = (request: NextRequest) => handlers.GET(atPublicUrl(request));
export const POST = (request: NextRequest) => handlers.POST(atPublicUrl(request));
