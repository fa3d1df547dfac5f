/** Magic-link emails: which tenant a request is for, and the link on that tenant's configured origin. */
import {
  enqueueEmail,
  parseHost,
  publicOrigin,
  resolvePublicTenant,
  type PublicScheme,
  type Tenant,
} from "@cannasaas/core";
import type { AuthDeps } from "./deps";
import { magicLinkEmail } from "./emails";

/** The launched tenant the request's host names (subdomain or custom domain), or null for the platform. */
export async function tenantOf(
  deps: AuthDeps,
  request: Request | undefined,
  rootDomain: string,
): Promise<Tenant | null> {
  const parsed = parseHost(request?.headers.get("host"), rootDomain);
  if (parsed.kind === "tenant") return resolvePublicTenant(deps, parsed.slug);
  if (parsed.kind === "custom-domain") return resolvePublicTenant(deps, parsed.domain);
  return null;
}

/**
 * Auth.js builds the magic link on the origin of the request it was given, whose host the client chose. Put
 * the link on the configured origin instead (path and token kept), and make an absolute `callbackUrl` relative
 * so it cannot name another host either.
 */
export function onPublicOrigin(authUrl: string, origin: string): string {
  const source = new URL(authUrl);
  const link = new URL(source.pathname + source.search, origin);
  const callback = link.searchParams.get("callbackUrl");
  if (callback && !callback.startsWith("/")) {
    let relative = "/";
    try {
      const parsed = new URL(callback);
      relative = parsed.pathname + parsed.search + parsed.hash;
    } catch {
      // Not a URL at all: send the user to the home page of the origin.
    }
    link.searchParams.set("callbackUrl", relative);
  } else if (callback?.startsWith("//")) {
    link.searchParams.set("callbackUrl", "/");
  }
  return link.toString();
}

/**
 * The magic-link provider's sender: queues the email for the tenant the request's host chose (or the
 * platform), with the link on that tenant's or the platform's configured origin.
 */
export async function sendMagicLink(
  deps: AuthDeps,
  options: { rootDomain: string; publicScheme?: PublicScheme; deliverOutbox: (ids: string[]) => void },
  input: { identifier: string; url: string; request: Request | undefined },
): Promise<string> {
  const tenant = await tenantOf(deps, input.request, options.rootDomain);
  const link = onPublicOrigin(input.url, publicOrigin(tenant, options.rootDomain, options.publicScheme));
  const id = await enqueueEmail(deps.db, {
    organizationId: tenant?.id ?? null,
    topic: "auth.magic_link",
    ...magicLinkEmail({ to: input.identifier, storeName: tenant?.name ?? "CannaSaaS", url: link }),
  });
  options.deliverOutbox([id]);
  return id;
}
