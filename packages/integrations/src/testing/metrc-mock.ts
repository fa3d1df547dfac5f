import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import {
  METRC_MAX_PAGE_SIZE,
  metrcAdjustmentSchema,
  metrcReceiptSchema,
  metrcReceiptUpdateSchema,
  type MetrcAdjustment,
  type MetrcReceipt,
} from "../metrc/types";

/**
 * Faults the mock can inject instead of (or after) doing the work:
 * - "unauthorized" 401, "rate_limit" 429 with Retry-After, "server_error" 500, "hang" (no answer until the
 *   client gives up), "html" (200 with an HTML page), "empty" (200, empty body): the request is NOT applied.
 * - "applied_then_hang", "applied_then_500", "applied_then_empty": the request IS applied and then the answer is
 *   lost or garbled: the ambiguous failures that tempt a client to report twice.
 */
export const METRC_FAULTS = [
  "unauthorized",
  "rate_limit",
  "server_error",
  "hang",
  "html",
  "empty",
  "applied_then_hang",
  "applied_then_500",
  "applied_then_empty",
] as const;
export type MetrcFault = (typeof METRC_FAULTS)[number];

export type MockPackage = { Label: string; Quantity: number; UnitOfMeasureName: string };
/** An adjustment reason as METRC lists it; a reason with `RequiresNote` is refused without a `ReasonNote`. */
export type MockAdjustReason = { Name: string; RequiresNote: boolean };
export type MockReceipt = MetrcReceipt & { Id: number; voided: boolean; license: string };

export type MetrcMockOptions = {
  vendorKey: string;
  /** user key -> the facility licenses it may act for. */
  users: Record<string, string[]>;
  /** Active packages per license. */
  packages?: Record<string, MockPackage[]>;
  /** Plain names need no note; METRC's defaults below mark "Entry Error" and "Theft" as needing one. */
  adjustReasons?: Array<string | MockAdjustReason>;
  /** Random faults: probability per request and which kinds (default: all but "unauthorized"). */
  faultRate?: number;
  faultKinds?: readonly MetrcFault[];
  seed?: number;
  retryAfterSeconds?: number;
  /** How long a hanging request stays silent before the socket is dropped (longer than the client time-out). */
  hangMs?: number;
};

export type MetrcMock = Awaited<ReturnType<typeof startMetrcMock>>;

/** A small seeded PRNG so a fault pattern is reproducible from its seed. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(String(status));
  }
}

/**
 * A METRC v2 stand-in on an ephemeral port, for tests. It enforces HTTP Basic (vendor:user key), the
 * `licenseNumber` parameter and the request shapes, applies receipts and adjustments to its packages, records
 * every accepted receipt by ExternalReceiptNumber and counts duplicates, so a test can prove "exactly once".
 */
export async function startMetrcMock(options: MetrcMockOptions) {
  const random = mulberry32(options.seed ?? 42);
  const packages = new Map<string, Map<string, MockPackage>>();
  for (const [license, list] of Object.entries(options.packages ?? {})) {
    packages.set(license, new Map(list.map((p) => [p.Label, { ...p }])));
  }
  const reasons: MockAdjustReason[] = (
    options.adjustReasons ?? [
      "Damage",
      "Drying",
      { Name: "Entry Error", RequiresNote: true },
      { Name: "Theft", RequiresNote: true },
      "Waste",
      "Spoilage",
    ]
  ).map((r) => (typeof r === "string" ? { Name: r, RequiresNote: false } : r));
  const receipts = new Map<string, MockReceipt>(); // key: license|external
  const receiptsById = new Map<number, MockReceipt>();
  const adjustments: Array<MetrcAdjustment & { license: string }> = [];
  const stats = {
    requests: 0,
    acceptedReceipts: 0,
    duplicateReceipts: 0,
    voids: 0,
    faults: {} as Partial<Record<MetrcFault, number>>,
    authFailures: 0,
  };
  let faultRate = options.faultRate ?? 0;
  let faultKinds: readonly MetrcFault[] =
    options.faultKinds ?? METRC_FAULTS.filter((f) => f !== "unauthorized");
  const script: MetrcFault[] = [];
  let nextId = 1000;

  function pickFault(): MetrcFault | null {
    const scripted = script.shift();
    if (scripted) return scripted;
    if (faultRate > 0 && random() < faultRate)
      return faultKinds[Math.floor(random() * faultKinds.length)] ?? null;
    return null;
  }

  function packagesOf(license: string) {
    let map = packages.get(license);
    if (!map) packages.set(license, (map = new Map<string, MockPackage>()));
    return map;
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw new HttpError(
        400,
        parsed.error.issues.map((i) => ({
          row: i.path[0] ?? 0,
          message: `${i.path.join(".")}: ${i.message}`,
        })),
      );
    }
    return parsed.data;
  }

  /**
   * What METRC checks on a receipt before taking it: a patient sale names the patient's license and how they
   * were identified; each transaction is in its package's unit of measure and within what the package holds.
   */
  function checkReceipt(row: number, r: MetrcReceipt, stock: Map<string, MockPackage>) {
    if (r.SalesCustomerType === "Patient") {
      if (!r.PatientLicenseNumber?.trim())
        throw new HttpError(400, [{ row, message: "PatientLicenseNumber is required for a patient sale." }]);
      if (!r.IdentificationMethod?.trim())
        throw new HttpError(400, [{ row, message: "IdentificationMethod is required for a patient sale." }]);
    }
    for (const t of r.Transactions) {
      const pkg = stock.get(t.PackageLabel);
      if (!pkg) throw new HttpError(400, [{ row, message: `Package ${t.PackageLabel} is not active.` }]);
      if (t.UnitOfMeasure !== pkg.UnitOfMeasureName)
        throw new HttpError(400, [
          {
            row,
            message: `Package ${t.PackageLabel} is tracked in ${pkg.UnitOfMeasureName}, not ${t.UnitOfMeasure}.`,
          },
        ]);
      if (pkg.Quantity < t.Quantity)
        throw new HttpError(400, [{ row, message: `Package ${t.PackageLabel} has only ${pkg.Quantity}.` }]);
    }
  }

  /** Applies a request and returns [status, body]. */
  function route(method: string, path: string, query: URLSearchParams, license: string, body: unknown) {
    const stock = packagesOf(license);
    if (method === "POST" && path === "/sales/v2/receipts") {
      const list = parse(z.array(metrcReceiptSchema).min(1), body);
      for (const [row, r] of list.entries()) checkReceipt(row, r, stock);
      const ids: number[] = [];
      for (const r of list) {
        for (const t of r.Transactions) stock.get(t.PackageLabel)!.Quantity -= t.Quantity;
        const key = `${license}|${r.ExternalReceiptNumber}`;
        if (receipts.has(key)) stats.duplicateReceipts++;
        else stats.acceptedReceipts++;
        const record: MockReceipt = { ...r, Id: nextId++, voided: false, license };
        if (!receipts.has(key)) receipts.set(key, record);
        receiptsById.set(record.Id, record);
        ids.push(record.Id);
      }
      return [200, { Ids: ids, Warnings: [] }] as const;
    }
    if (method === "PUT" && path === "/sales/v2/receipts") {
      const list = parse(z.array(metrcReceiptUpdateSchema).min(1), body);
      for (const [row, r] of list.entries()) {
        const existing = receiptsById.get(r.Id);
        if (!existing || existing.license !== license)
          throw new HttpError(404, { Message: `No receipt ${r.Id}.` });
        checkReceipt(row, r, stock);
      }
      for (const r of list) Object.assign(receiptsById.get(r.Id)!, r);
      // The published reference: a successful PUT answers 200 with no body.
      return [200, undefined] as const;
    }
    const del = /^\/sales\/v2\/receipts\/(\d+)$/.exec(path);
    if (method === "DELETE" && del) {
      const existing = receiptsById.get(Number(del[1]));
      if (!existing || existing.license !== license)
        throw new HttpError(404, { Message: "No such receipt." });
      if (!existing.voided) {
        existing.voided = true;
        stats.voids++;
        for (const t of existing.Transactions) {
          const pkg = stock.get(t.PackageLabel);
          if (pkg) pkg.Quantity += t.Quantity;
        }
      }
      // The published reference: a successful DELETE answers 200 with no body.
      return [200, undefined] as const;
    }
    const ext = /^\/sales\/v2\/receipts\/external\/([^/]+)$/.exec(path);
    if (method === "GET" && ext) {
      // The published reference answers a list: every receipt with that external number (none: an empty list).
      const found = receipts.get(`${license}|${decodeURIComponent(ext[1]!)}`);
      if (!found) return [200, []] as const;
      const { license: _license, voided, ...receipt } = found;
      return [
        200,
        [{ ...receipt, IsFinal: false, ArchivedDate: voided ? new Date().toISOString() : null }],
      ] as const;
    }
    if (method === "POST" && path === "/packages/v2/adjust") {
      const list = parse(z.array(metrcAdjustmentSchema).min(1), body);
      for (const [row, a] of list.entries()) {
        const reason = reasons.find((r) => r.Name === a.AdjustmentReason);
        if (!reason)
          throw new HttpError(400, [{ row, message: `Unknown adjustment reason ${a.AdjustmentReason}.` }]);
        if (reason.RequiresNote && !a.ReasonNote?.trim())
          throw new HttpError(400, [{ row, message: `Adjustment reason ${reason.Name} requires a note.` }]);
        const pkg = stock.get(a.Label);
        if (!pkg) throw new HttpError(400, [{ row, message: `Package ${a.Label} is not active.` }]);
        if (a.UnitOfMeasure !== pkg.UnitOfMeasureName)
          throw new HttpError(400, [
            {
              row,
              message: `Package ${a.Label} is tracked in ${pkg.UnitOfMeasureName}, not ${a.UnitOfMeasure}.`,
            },
          ]);
      }
      for (const a of list) {
        stock.get(a.Label)!.Quantity += a.Quantity;
        adjustments.push({ ...a, license });
      }
      return [200, { Ids: list.map(() => nextId++) }] as const;
    }
    if (method === "GET" && path === "/packages/v2/adjust/reasons") {
      return [200, { Data: reasons, TotalPages: 1 }] as const;
    }
    if (method === "GET" && path === "/packages/v2/active") {
      const pageSize = Number(query.get("pageSize") ?? METRC_MAX_PAGE_SIZE);
      const pageNumber = Number(query.get("pageNumber") ?? 1);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > METRC_MAX_PAGE_SIZE)
        throw new HttpError(400, { Message: `pageSize must be 1..${METRC_MAX_PAGE_SIZE}.` });
      if (!Number.isInteger(pageNumber) || pageNumber < 1)
        throw new HttpError(400, { Message: "pageNumber must be 1 or more." });
      const all = [...stock.values()].filter((p) => p.Quantity > 0);
      const Data = all
        .slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
        .map((p, i) => ({ Id: (pageNumber - 1) * pageSize + i + 1, ...p }));
      const TotalPages = Math.max(1, Math.ceil(all.length / pageSize));
      return [
        200,
        {
          Data,
          Total: all.length,
          TotalRecords: all.length,
          PageSize: pageSize,
          CurrentPage: pageNumber,
          TotalPages,
        },
      ] as const;
    }
    if (method === "GET" && path === "/facilities/v2/") {
      return [200, [{ Name: `Facility ${license}`, License: { Number: license } }]] as const;
    }
    if (method === "GET" && path === "/unitsofmeasure/v2/active") {
      return [200, ["Each", "Grams", "Ounces", "Milligrams"].map((Name) => ({ Name }))] as const;
    }
    throw new HttpError(404, { Message: `No route ${method} ${path}.` });
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (!text) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new HttpError(400, { Message: "The body is not valid JSON." });
    }
  }

  const hangMs = options.hangMs ?? 2_000;
  const hang = (res: ServerResponse) => {
    const timer = setTimeout(() => res.destroy(), hangMs);
    res.on("close", () => clearTimeout(timer));
  };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    body === undefined
      ? res.writeHead(status, headers).end()
      : res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    stats.requests++;
    const url = new URL(req.url ?? "/", "http://mock");
    const expected = (user: string) =>
      `Basic ${Buffer.from(`${options.vendorKey}:${user}`).toString("base64")}`;
    const user = Object.keys(options.users).find((u) => req.headers.authorization === expected(u));
    const fault = pickFault();
    if (fault) stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
    if (fault === "unauthorized" || user === undefined) {
      stats.authFailures++;
      return json(res, 401, { Message: "Authorization has been denied for this request." });
    }
    if (fault === "rate_limit") {
      return json(
        res,
        429,
        { Message: "Too many requests." },
        {
          "retry-after": String(options.retryAfterSeconds ?? 1),
        },
      );
    }
    if (fault === "server_error") return json(res, 500, { Message: "An error has occurred." });
    if (fault === "hang") return hang(res);
    if (fault === "html") {
      return res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Bad gateway</body></html>");
    }
    if (fault === "empty") return res.writeHead(200).end();
    try {
      const license = url.searchParams.get("licenseNumber");
      if (!license) throw new HttpError(400, { Message: "licenseNumber is required." });
      if (!options.users[user]!.includes(license))
        throw new HttpError(403, { Message: `No access to license ${license}.` });
      const body = await readBody(req);
      const [status, answer] = route(req.method ?? "GET", url.pathname, url.searchParams, license, body);
      if (fault === "applied_then_hang") return hang(res);
      if (fault === "applied_then_500") return json(res, 500, { Message: "An error has occurred." });
      if (fault === "applied_then_empty") return res.writeHead(200).end();
      return json(res, status, answer);
    } catch (error) {
      if (error instanceof HttpError) return json(res, error.status, error.body);
      return json(res, 500, { Message: "Mock failure." });
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    /** Faults for the next requests, in order, before random faults apply again. */
    script: (...faults: MetrcFault[]) => void script.push(...faults),
    setFaults(rate: number, kinds?: readonly MetrcFault[]) {
      faultRate = rate;
      if (kinds) faultKinds = kinds;
    },
    receipt: (license: string, external: string) => receipts.get(`${license}|${external}`),
    receipts: (license?: string) => [...receipts.values()].filter((r) => !license || r.license === license),
    adjustments: (license?: string) => adjustments.filter((a) => !license || a.license === license),
    packages: (license: string) => [...packagesOf(license).values()],
    setPackage: (license: string, pkg: MockPackage) => void packagesOf(license).set(pkg.Label, { ...pkg }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
