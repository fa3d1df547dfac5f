import type { NextRequest } from "next/server";
import { listActiveProductSlugs } from "@cannasaas/core";
import { getDeps } from "~/server/deps";
import { publicOriginFor } from "~/server/request";
import { tenantForHost } from "~/server/tenant";

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!,
  );

const entry = (loc: string, lastmod?: Date) =>
  `  <url><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""}</url>`;

/** The storefront's home page and every active product, on the host the sitemap was asked from. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ tenant: string }> }) {
  const tenant = await tenantForHost((await params).tenant, request.headers);
  if (!tenant) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain" } });
  const origin = publicOriginFor(request.headers);
  const products = await listActiveProductSlugs((await getDeps()).db, tenant.id);
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    entry(`${origin}/`),
    ...products.map((p) => entry(`${origin}/p/${encodeURIComponent(p.slug)}`, p.updatedAt)),
    "</urlset>",
    "",
  ].join("\n");
  return new Response(xml, {
    headers: { "content-type": "application/xml; charset=utf-8", "cache-control": "public, max-age=3600" },
  });
}
