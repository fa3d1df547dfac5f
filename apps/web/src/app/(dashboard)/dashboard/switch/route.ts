import { NextResponse, type NextRequest } from "next/server";
import { getMembership } from "@cannasaas/core";
import { transportSettings } from "~/env";
import { getDeps } from "~/server/deps";
import { ACTIVE_ORG_COOKIE, currentUser, publicOriginFor } from "~/server/request";

/** Selects the dashboard's organization (only one the user belongs to) and returns to the dashboard. */
async function select(request: NextRequest, organizationId: string | null) {
  // `request.url` is `next start`'s own listen address and the Host is the client's: use the configured origin.
  const origin = publicOriginFor(request.headers);
  const user = await currentUser();
  if (!user) return NextResponse.redirect(new URL("/dashboard/sign-in", origin), 303);
  const membership = organizationId
    ? await getMembership((await getDeps()).db, user.id, organizationId)
    : null;
  if (!membership) {
    return NextResponse.json({ error: "You are not a member of that organization." }, { status: 403 });
  }
  const response = NextResponse.redirect(new URL("/dashboard", origin), 303);
  response.cookies.set(ACTIVE_ORG_COOKIE, membership.organizationId, {
    httpOnly: true,
    sameSite: "lax",
    secure: transportSettings().https,
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
  });
  return response;
}

export async function POST(request: NextRequest) {
  const form = await request.formData();
  const org = form.get("organizationId");
  return select(request, typeof org === "string" ? org : null);
}
