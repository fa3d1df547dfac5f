import { NextResponse, type NextRequest } from "next/server";
import { listStorefrontLocations } from "@cannasaas/core";
import { transportSettings } from "~/env";
import { getDeps } from "~/server/deps";
import { LOCATION_COOKIE } from "~/server/location";
import { publicOriginFor } from "~/server/request";
import { tenantForHost } from "~/server/tenant";

/** A path on this host to go back to: "/p/x?y" yes; "//evil.example", "https://...", "/\t/evil" no. */
function returnUrl(value: FormDataEntryValue | null, origin: string): URL {
  const path = typeof value === "string" && /^\/(?![/\\])[^\s\\]*$/.test(value) ? value : "/";
  const url = new URL(path, origin);
  return url.origin === origin ? url : new URL("/", origin);
}

/** Remembers the shopper's pickup location (the location picker's form posts here), then goes back. */
export async function POST(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant)
    return new NextResponse("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const form = await request.formData().catch(() => new FormData());
  const chosenId = form.get("locationId");
  const locations = await listStorefrontLocations((await getDeps()).db, tenant.id);
  const chosen = locations.find((l) => l.id === chosenId);

  // Back to the storefront's configured address: the Host header (and any X-Forwarded-Proto) is the client's say.
  const response = NextResponse.redirect(
    returnUrl(form.get("returnTo"), publicOriginFor(request.headers)),
    303,
  );
  if (chosen) {
    response.cookies.set(LOCATION_COOKIE, chosen.id, {
      path: "/",
      httpOnly: true,
      secure: transportSettings().https,
      sameSite: "lax",
      maxAge: 60 * 60 * 24 * 365,
    });
  } else {
    response.cookies.delete(LOCATION_COOKIE);
  }
  return response;
}
