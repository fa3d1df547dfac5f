/**
 * The one place a request's client address is decided (rate limits, audit trail). Forwarded headers are only
 * believed as far as the deployment says: any client can send `X-Forwarded-For: 1.2.3.4`, so trusting it
 * without a proxy in front lets an attacker pick a fresh rate-limit bucket on every request.
 */
export type ClientAddressSettings = {
  /**
   * How many proxies we run in front of the app, each appending the address it received the request from to
   * `X-Forwarded-For`. The client is that many entries from the right; anything further left was written by the
   * client and is ignored. 0: no forwarded header is trusted.
   */
  trustedProxyHops: number;
  /** A header the platform's edge sets itself, overwriting any value the client sent (e.g. `x-vercel-forwarded-for`). */
  clientIpHeader: string | null;
};

export const NO_TRUSTED_PROXY: ClientAddressSettings = { trustedProxyHops: 0, clientIpHeader: null };

/** IPv4 or IPv6 characters only, so a header cannot smuggle arbitrary text into a rate-limit key or the audit log. */
function plausibleAddress(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= 45 && /^[0-9A-Fa-f.:]+$/.test(trimmed) && /[.:]/.test(trimmed)
    ? trimmed
    : null;
}

/**
 * The client address, or null when it cannot be known (callers then limit by something else, never by one
 * shared "unknown" bucket). `peer` is the socket's remote address where the runtime gives one.
 */
export function clientAddress(
  headers: Pick<Headers, "get">,
  settings: ClientAddressSettings,
  peer?: string | null,
): string | null {
  if (settings.clientIpHeader) {
    // The edge sets this header to the one address it saw; a list means something else wrote it.
    const value = headers.get(settings.clientIpHeader);
    return value && !value.includes(",") ? plausibleAddress(value) : null;
  }
  if (settings.trustedProxyHops > 0) {
    const entries = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request did not come through all of them, so no entry can be trusted.
    if (entries.length < settings.trustedProxyHops) return null;
    return plausibleAddress(entries[entries.length - settings.trustedProxyHops]);
  }
  return plausibleAddress(peer);
}
