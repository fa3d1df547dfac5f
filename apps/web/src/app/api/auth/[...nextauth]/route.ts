import { NextRequest } from "next/server";
import { handlers } from "~/auth";
import { originFrom } from "~/server/request";

/**
 * `next start` builds request.url from its own listen address, not the Host header, so Auth.js would think
 * every request came to the platform domain and send storefront shoppers there after a magic link. Rebuild
 * the URL from the Host the browser used.
 */
function atPublicUrl(request: NextRequest): NextRequest {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, originFrom(request.headers));
  return new NextRequest(url, request);
}

export const GET = (request: NextRequest) => handlers.GET(atPublicUrl(request));
export const POST = (request: NextRequest) => handlers.POST(atPublicUrl(request));
