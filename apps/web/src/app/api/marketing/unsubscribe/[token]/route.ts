import { escapeHtml, marketingLinkKey, unsubscribeByToken, verifyTrackingToken } from "@cannasaas/core";
import { observeRoute } from "@cannasaas/api/rest";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

const page = (status: number, title: string, body: string) =>
  new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1c1917"><h1 style="font-size:1.5rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    { status, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } },
  );

const invalid = () =>
  page(
    404,
    "This unsubscribe link is not valid",
    "<p>Manage your email choices on your account page at the store.</p>",
  );

/**
 * The unsubscribe link of a marketing email. Opening it (mail scanners open links too) only asks; the button,
 * and mail clients' RFC 8058 one-click POST, withdraw email consent at once.
 */
export const GET = observeRoute(
  "/api/marketing/unsubscribe/[token]",
  async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    if (verifyTrackingToken(token, marketingLinkKey())?.kind !== "unsubscribe") return invalid();
    return page(
      200,
      "Unsubscribe from marketing email",
      `<p>You will no longer get offers and news from this store by email. Order and account emails still arrive.</p><form method="post"><button type="submit" style="min-height:44px;padding:0 1.25rem;font-size:1rem;font-weight:600;background:#1c1917;color:#fff;border:0;border-radius:.5rem">Unsubscribe</button></form>`,
    );
  },
);

export const POST = observeRoute(
  "/api/marketing/unsubscribe/[token]",
  async (_request: Request, { params }: { params: Promise<{ token: string }> }) => {
    const { token } = await params;
    const deps = await getDeps();
    const done = await unsubscribeByToken(deps.db, token, marketingLinkKey(), deps.clock());
    if (!done) return invalid();
    return page(
      200,
      "You are unsubscribed",
      "<p>You will get no more marketing email from this store. You can opt in again on your account page.</p>",
    );
  },
);
