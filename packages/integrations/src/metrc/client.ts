import { z } from "zod";
import { isMetrcError, MetrcError, parseRetryAfter } from "./errors";
import {
  METRC_MAX_PAGE_SIZE,
  metrcAdjustReasonSchema,
  metrcFacilitySchema,
  metrcPackageSchema,
  metrcPageSchema,
  metrcReceiptRecordSchema,
  metrcUnitSchema,
  type MetrcAdjustment,
  type MetrcAdjustReason,
  type MetrcFacility,
  type MetrcPackage,
  type MetrcPage,
  type MetrcReceipt,
  type MetrcReceiptRecord,
  type MetrcReceiptUpdate,
  type MetrcUnit,
} from "./types";

export type MetrcClientOptions = {
  /** e.g. https://api-ca.metrc.com (see metrcBaseUrl). */
  baseUrl: string;
  /** The platform's (integrator's) key and the licensee's user key: HTTP Basic vendorKey:userKey. */
  vendorKey: string;
  userKey: string;
  /** The facility license every call is made for. */
  licenseNumber: string;
  /** Each call is abandoned after this long (default 15 s) and reported as a time-out. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  clock?: () => Date;
  /** Aborts calls in flight, e.g. when the cron invocation is about to be killed. */
  signal?: AbortSignal;
};

export type MetrcWriteResult = { ids: number[] };

export type MetrcClient = ReturnType<typeof createMetrcClient>;

/**
 * A typed METRC v2 client. Bodies are parsed defensively: an HTML page, an empty body or JSON of the wrong shape is
 * a `bad_response` MetrcError (retryable), never a success. The keys live only in the Authorization header;
 * nothing here logs, and no error message includes them.
 */
export function createMetrcClient(options: MetrcClientOptions) {
  if (!options.vendorKey) throw new MetrcError("auth", "METRC vendor key is not set.", { call: "setup" });
  if (!options.userKey) throw new MetrcError("auth", "METRC user key is not set.", { call: "setup" });
  const base = options.baseUrl.replace(/\/+$/, "");
  const authorization = `Basic ${Buffer.from(`${options.vendorKey}:${options.userKey}`).toString("base64")}`;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const clock = options.clock ?? (() => new Date());

  async function call(
    method: "GET" | "POST" | "PUT" | "DELETE",
    path: string,
    query: Record<string, string | number> = {},
    body?: unknown,
  ): Promise<{ status: number; text: string }> {
    const label = `${method} ${path.replace(/\/external\/[^/?]+/, "/external/{number}")}`;
    const url = new URL(base + path);
    url.searchParams.set("licenseNumber", options.licenseNumber);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          authorization,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) {
        throw new MetrcError("timeout", `METRC did not answer ${label} within ${timeoutMs} ms.`, {
          call: label,
        });
      }
      const reason = error instanceof Error ? error.name : "error";
      throw new MetrcError("network", `Could not reach METRC for ${label} (${reason}).`, { call: label });
    }
    const status = response.status;
    if (status >= 200 && status < 300) return { status, text };
    const detail = metrcMessage(text);
    const suffix = detail ? `: ${detail}` : "";
    if (status === 401 || status === 403) {
      throw new MetrcError(
        "auth",
        `METRC refused the credentials for license ${options.licenseNumber} (${status})${suffix}. Check the user key and license number.`,
        { status, call: label },
      );
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), clock());
      throw new MetrcError(
        "rate_limited",
        `METRC rate limit reached on ${label}${retryAfterMs === undefined ? "" : `; retry after ${Math.ceil(retryAfterMs / 1000)} s`}.`,
        { status, call: label, retryAfterMs },
      );
    }
    if (status === 404) {
      throw new MetrcError("not_found", `METRC found nothing for ${label}${suffix}.`, {
        status,
        call: label,
      });
    }
    if (status >= 500) {
      throw new MetrcError("server", `METRC failed on ${label} (${status})${suffix}.`, {
        status,
        call: label,
      });
    }
    throw new MetrcError("rejected", `METRC refused ${label} (${status})${suffix}.`, { status, call: label });
  }

  async function json<T>(label: string, text: string, schema: z.ZodType<T>): Promise<T> {
    return parseBody(label, text, schema);
  }

  async function write(method: "POST" | "PUT" | "DELETE", path: string, body?: unknown) {
    const { text } = await call(method, path, {}, body);
    // METRC answers a successful PUT or DELETE with 200 and no body (its published reference); only a POST's
    // empty answer is ambiguous, because a POST answers with the ids it created.
    if (method !== "POST" && !text.trim()) return { ids: [] };
    return parseWriteResult(`${method} ${path}`, text);
  }

  async function list<T>(path: string, item: z.ZodType<T>, query: Record<string, string | number> = {}) {
    const { text } = await call("GET", path, query);
    return json(`GET ${path}`, text, z.union([z.array(item), metrcPageSchema(item)])).then((r) =>
      Array.isArray(r) ? r : r.Data,
    );
  }

  return {
    licenseNumber: options.licenseNumber,

    createReceipts: (receipts: MetrcReceipt[]) => write("POST", "/sales/v2/receipts", receipts),
    updateReceipts: (receipts: MetrcReceiptUpdate[]) => write("PUT", "/sales/v2/receipts", receipts),
    voidReceipt: (id: number) => write("DELETE", `/sales/v2/receipts/${encodeURIComponent(String(id))}`),

    /**
     * The receipt with this ExternalReceiptNumber, or null when METRC has none: it answers a list (empty when
     * there is none); a 404 means none too. An empty or garbled body is an error, never "none".
     */
    async getReceiptByExternalNumber(externalNumber: string): Promise<MetrcReceiptRecord | null> {
      const path = `/sales/v2/receipts/external/${encodeURIComponent(externalNumber)}`;
      try {
        const { text } = await call("GET", path);
        const found = await json(
          "GET /sales/v2/receipts/external/{number}",
          text,
          z.union([z.array(metrcReceiptRecordSchema), metrcReceiptRecordSchema]),
        );
        const list = Array.isArray(found) ? found : [found];
        // A receipt voided in METRC is archived; the live one (if any) is what a retry must not duplicate.
        return list.find((r) => !r.ArchivedDate) ?? list[0] ?? null;
      } catch (error) {
        if (isMetrcError(error) && error.kind === "not_found") return null;
        throw error;
      }
    },

    adjustPackages: (adjustments: MetrcAdjustment[]) => write("POST", "/packages/v2/adjust", adjustments),
    adjustReasons: (): Promise<MetrcAdjustReason[]> =>
      list("/packages/v2/adjust/reasons", metrcAdjustReasonSchema),

    /** One page (1-based) of the facility's active packages; METRC caps pageSize at 20. */
    async activePackages(page: { pageNumber: number; pageSize?: number }): Promise<MetrcPage<MetrcPackage>> {
      const pageSize = Math.min(page.pageSize ?? METRC_MAX_PAGE_SIZE, METRC_MAX_PAGE_SIZE);
      const { text } = await call("GET", "/packages/v2/active", { pageNumber: page.pageNumber, pageSize });
      return json("GET /packages/v2/active", text, metrcPageSchema(metrcPackageSchema));
    },

    facilities: (): Promise<MetrcFacility[]> => list("/facilities/v2/", metrcFacilitySchema),
    unitsOfMeasure: (): Promise<MetrcUnit[]> => list("/unitsofmeasure/v2/active", metrcUnitSchema),
  };
}

function looksLikeHtml(text: string) {
  return /^\s*</.test(text);
}

function parseBody<T>(label: string, text: string, schema: z.ZodType<T>): T {
  if (!text.trim())
    throw new MetrcError("bad_response", `METRC answered ${label} with an empty body.`, { call: label });
  if (looksLikeHtml(text)) {
    throw new MetrcError("bad_response", `METRC answered ${label} with an HTML page instead of JSON.`, {
      call: label,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new MetrcError("bad_response", `METRC answered ${label} with invalid JSON.`, { call: label });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "body";
    throw new MetrcError("bad_response", `METRC answered ${label} with an unexpected shape (at ${where}).`, {
      call: label,
    });
  }
  return parsed.data;
}

const writeResultSchema = z.union([
  z.object({ Ids: z.array(z.number()).optional() }).loose(),
  z.array(z.number()),
]);

/**
 * A write is a success only with a JSON answer: an empty or HTML 2xx body cannot be told apart from a proxy
 * error page, so it is reported as a (retryable, ambiguous) bad response and the caller verifies before retrying.
 */
function parseWriteResult(label: string, text: string): MetrcWriteResult {
  const result = parseBody(label, text, writeResultSchema);
  return { ids: Array.isArray(result) ? result : (result.Ids ?? []) };
}

/** METRC's error bodies are JSON ({Message} or [{row, message}]); pass on a short, key-free summary. */
export function metrcMessage(text: string): string {
  if (!text.trim() || looksLikeHtml(text)) return "";
  try {
    const value: unknown = JSON.parse(text);
    const pick = (v: unknown): string | undefined => {
      if (typeof v === "string") return v;
      if (v && typeof v === "object") {
        const o = v as Record<string, unknown>;
        const m = o.Message ?? o.message;
        if (typeof m === "string") return m;
      }
      return undefined;
    };
    const messages = Array.isArray(value) ? value.map(pick).filter(Boolean) : [pick(value)].filter(Boolean);
    return messages.join("; ").slice(0, 300);
  } catch {
    return text.slice(0, 200);
  }
}
