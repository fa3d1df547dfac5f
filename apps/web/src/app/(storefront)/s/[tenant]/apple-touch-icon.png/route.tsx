import { ImageResponse } from "next/og";
import type { NextRequest } from "next/server";
import { iconColour, iconInitial, iconInk } from "~/lib/brand-icon";
import { tenantForHost } from "~/server/tenant";

/** The home-screen icon phones ask for (a 180 px PNG): the favicon's design, drawn by next/og. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const background = iconColour(tenant.branding.primaryColor);
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background,
        color: iconInk(background),
        fontSize: 110,
        fontWeight: 700,
      }}
    >
      {iconInitial(tenant.name)}
    </div>,
    { width: 180, height: 180, headers: { "cache-control": "public, max-age=300" } },
  );
}
