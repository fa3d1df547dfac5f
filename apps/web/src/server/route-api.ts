import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { publicOriginFor } from "./request";

/**
 * Route handlers call the same tRPC procedures as pages (so tenant, sign-in and RBAC checks are identical) and
 * turn a refusal into a JSON error response.
 */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof TRPCError)) throw error;
  const status = getHTTPStatusCodeFromError(error);
  const message = status >= 500 ? "Something went wrong on our side." : error.message;
  return Response.json({ error: message }, { status, headers: { "cache-control": "no-store" } });
}

/** Cookie-authenticated POSTs must come from a page of the same surface, at its configured origin. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  return origin === null || origin === publicOriginFor(request.headers);
}
