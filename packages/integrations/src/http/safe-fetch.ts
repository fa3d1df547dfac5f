import { lookup as dnsLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { classifyAddress, classifyHost } from "./address";

export type ResolvedAddress = { address: string; family: number };
/** Turns a host name into every address it has; a port so tests can hand in their own answers. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

export type SafeHttpResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  /** "refused": the host is, or resolves to, an address that is not public. "unreachable": anything else. */
  | { ok: false; reason: "refused" | "unreachable" };

/** Outbound POSTs to addresses chosen by customers (webhook endpoints): public addresses only, no redirects. */
export interface SafeHttpClient {
  post(
    url: string,
    init: { headers: Record<string, string>; body: string | Uint8Array; timeoutMs: number },
  ): Promise<SafeHttpResult>;
}

export type SafeHttpOptions = {
  /** dns.promises.lookup({ all: true }) unless given. */
  resolve?: Resolver;
  /** Lets requests reach loopback (local development and tests); set from configuration, never a request. */
  allowLoopback?: boolean;
  /** Bytes of the response body kept; the rest is not read. */
  maxBodyBytes?: number;
};

const REFUSED = { ok: false, reason: "refused" } as const;
const UNREACHABLE = { ok: false, reason: "unreachable" } as const;

/**
 * Resolves the host, refuses it if ANY of its addresses is not public, then connects to the address it checked
 * (so a second DNS answer cannot swap in another one) while TLS and the Host header keep the original name.
 * Redirects are never followed: a 3xx comes back as it is. Failures carry no socket detail.
 */
export function createSafeHttpClient(options: SafeHttpOptions = {}): SafeHttpClient {
  const resolve = options.resolve ?? systemResolver;
  const maxBodyBytes = options.maxBodyBytes ?? 16_384;
  const allowed = (c: string | null) =>
    c === "public" || (c === "loopback" && options.allowLoopback === true);

  return {
    async post(raw, init) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        return REFUSED;
      }
      if (url.protocol !== "https:" && url.protocol !== "http:") return REFUSED;
      if (url.username || url.password) return REFUSED;
      const host = url.hostname.replace(/^\[|\]$/g, "");
      const kind = classifyHost(url.hostname);
      let pinned: ResolvedAddress | null = null;
      if (kind === "name") {
        let addresses: ResolvedAddress[];
        try {
          addresses = await resolve(host);
        } catch {
          return UNREACHABLE;
        }
        if (!addresses.length) return UNREACHABLE;
        if (!addresses.every((a) => allowed(classifyAddress(a.address)))) return REFUSED;
        pinned = addresses[0]!;
      } else if (!allowed(kind)) {
        return REFUSED;
      }
      const lookup: LookupFunction | undefined = pinned
        ? (_hostname, lookupOptions, callback) => {
            const { address, family } = pinned;
            if (lookupOptions.all)
              (callback as (e: null, a: ResolvedAddress[]) => void)(null, [{ address, family }]);
            else callback(null, address, family);
          }
        : undefined;
      return send(url, host, lookup, init, maxBodyBytes);
    },
  };
}

function send(
  url: URL,
  host: string,
  lookup: LookupFunction | undefined,
  init: { headers: Record<string, string>; body: string | Uint8Array; timeoutMs: number },
  maxBodyBytes: number,
): Promise<SafeHttpResult> {
  return new Promise((done) => {
    let settled = false;
    const finish = (result: SafeHttpResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(result);
    };
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "POST",
        headers: { ...init.headers, "content-length": String(Buffer.byteLength(init.body)) },
        agent: false,
        ...(lookup ? { lookup, servername: host } : {}),
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const complete = () =>
          finish({
            ok: true,
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(
              Object.entries(response.headers).map(([k, v]) => [
                k,
                Array.isArray(v) ? v.join(", ") : (v ?? ""),
              ]),
            ),
            body: Buffer.concat(chunks).toString("utf8"),
          });
        response.on("data", (chunk: Buffer) => {
          if (size >= maxBodyBytes) return;
          chunks.push(chunk.subarray(0, maxBodyBytes - size));
          size += chunk.length;
          if (size >= maxBodyBytes) {
            complete();
            response.destroy();
          }
        });
        response.on("end", complete);
        response.on("error", () => finish(UNREACHABLE));
      },
    );
    const timer = setTimeout(() => {
      finish(UNREACHABLE);
      request.destroy();
    }, init.timeoutMs);
    request.on("error", () => finish(UNREACHABLE));
    request.end(init.body);
  });
}
