import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMetrcClient,
  isMetrcError,
  metrcBaseUrl,
  parseRetryAfter,
  stateUsesMetrc,
  type MetrcError,
} from "../src/metrc";
import { startMetrcMock, type MetrcMock } from "../src/testing";

const VENDOR = "vendor-key-3f9a1c7d2b";
const USER = "user-key-88aa77bb66cc";
const LICENSE = "C10-0000001-LIC";
const LABEL = "1A4FF0100000022000000123";

let mock: MetrcMock;
beforeAll(async () => {
  mock = await startMetrcMock({
    vendorKey: VENDOR,
    users: { [USER]: [LICENSE] },
    packages: {
      [LICENSE]: Array.from({ length: 45 }, (_, i) => ({
        Label: i === 0 ? LABEL : `1A4FF01000000220000${String(i).padStart(5, "0")}`,
        Quantity: 100,
        UnitOfMeasureName: "Each",
      })),
    },
    hangMs: 2_500,
  });
});
afterAll(async () => mock?.close());

const client = (overrides: Partial<Parameters<typeof createMetrcClient>[0]> = {}) =>
  createMetrcClient({
    baseUrl: mock.url,
    vendorKey: VENDOR,
    userKey: USER,
    licenseNumber: LICENSE,
    timeoutMs: 1_000,
    ...overrides,
  });

const receipt = (external: string) => ({
  SalesDateTime: "2026-05-01T11:00:00",
  SalesCustomerType: "Consumer" as const,
  ExternalReceiptNumber: external,
  Transactions: [
    { PackageLabel: LABEL, Quantity: 1, UnitOfMeasure: "Each", TotalAmount: 25.5, ExciseTax: 3.83 },
  ],
});

async function failure(promise: Promise<unknown>): Promise<MetrcError> {
  try {
    await promise;
  } catch (error) {
    if (isMetrcError(error)) return error;
    throw error;
  }
  throw new Error("expected a MetrcError");
}

describe("METRC base URL", () => {
  it("is per state, with a sandbox switch and an override", () => {
    expect(metrcBaseUrl("CA")).toBe("https://api-ca.metrc.com");
    expect(metrcBaseUrl("co", { sandbox: true })).toBe("https://sandbox-api-co.metrc.com");
    expect(metrcBaseUrl("CA", { override: "http://127.0.0.1:9/" })).toBe("http://127.0.0.1:9");
    expect(() => metrcBaseUrl("California")).toThrow(/two-letter/);
  });

  it("is refused for states whose track-and-trace is not METRC, even with an override", () => {
    for (const state of ["WA", "IL", "NY"]) {
      expect(stateUsesMetrc(state)).toBe(false);
      expect(() => metrcBaseUrl(state)).toThrow(/does not use METRC/);
      expect(() => metrcBaseUrl(state, { override: "http://127.0.0.1:9" })).toThrow(/does not use METRC/);
    }
    for (const state of ["CA", "CO", "MA", "MI", "NV", "OR"]) expect(stateUsesMetrc(state)).toBe(true);
  });
});

describe("METRC client: the published reference's answers", () => {
  it("PUT and DELETE on receipts answer 200 with no body, which is success (not a retryable failure)", async () => {
    const c = client();
    const { ids } = await c.createReceipts([receipt("R-ref-1")]);
    await expect(c.updateReceipts([{ ...receipt("R-ref-1"), Id: ids[0]! }])).resolves.toEqual({ ids: [] });
    await expect(c.voidReceipt(ids[0]!)).resolves.toEqual({ ids: [] });
    expect(mock.receipt(LICENSE, "R-ref-1")?.voided).toBe(true);
  });

  it("the look-up by external number answers a list: the receipt, or an empty list", async () => {
    const c = client();
    const { ids } = await c.createReceipts([receipt("R-ref-2")]);
    expect((await c.getReceiptByExternalNumber("R-ref-2"))?.Id).toBe(ids[0]);
    expect(await c.getReceiptByExternalNumber("R-ref-none")).toBeNull();
  });

  it("a patient sale must carry the patient's license number and identification method", async () => {
    const c = client();
    const patient = { ...receipt("R-ref-3"), SalesCustomerType: "Patient" as const };
    const refused = await failure(c.createReceipts([patient]));
    expect([refused.kind, refused.message]).toEqual([
      "rejected",
      expect.stringMatching(/PatientLicenseNumber/),
    ]);
    const { ids } = await c.createReceipts([
      { ...patient, PatientLicenseNumber: "PT-0001", IdentificationMethod: "Medical card and photo ID" },
    ]);
    expect(ids).toHaveLength(1);
  });

  it("a weight-tracked package is reported in its own unit, never 'Each'", async () => {
    const bulk = "1A4FF0100000022000099999";
    mock.setPackage(LICENSE, { Label: bulk, Quantity: 100, UnitOfMeasureName: "Grams" });
    const c = client();
    const line = { PackageLabel: bulk, Quantity: 3.5, UnitOfMeasure: "Each", TotalAmount: 35 };
    const refused = await failure(c.createReceipts([{ ...receipt("R-ref-4"), Transactions: [line] }]));
    expect(refused.message).toMatch(/tracked in Grams/);
    await c.createReceipts([{ ...receipt("R-ref-4"), Transactions: [{ ...line, UnitOfMeasure: "Grams" }] }]);
    expect(mock.packages(LICENSE).find((p) => p.Label === bulk)!.Quantity).toBe(96.5);
    mock.setPackage(LICENSE, { Label: bulk, Quantity: 0, UnitOfMeasureName: "Grams" }); // keeps paging counts
  });

  it("lists which adjustment reasons need a note, and METRC refuses them without one", async () => {
    const c = client();
    const reasons = await c.adjustReasons();
    expect(reasons.find((r) => r.Name === "Entry Error")?.RequiresNote).toBe(true);
    const entry = {
      Label: LABEL,
      Quantity: -1,
      UnitOfMeasure: "Each",
      AdjustmentReason: "Entry Error",
      AdjustmentDate: "2026-05-01",
    };
    expect((await failure(c.adjustPackages([entry]))).message).toMatch(/requires a note/);
    await c.adjustPackages([{ ...entry, ReasonNote: "Counted 99, system said 100." }]);
  });
});

describe("METRC client against the mock", () => {
  it("posts a receipt, finds it by external number, voids it", async () => {
    const c = client();
    const { ids } = await c.createReceipts([receipt("R-1")]);
    expect(ids).toHaveLength(1);
    const found = await c.getReceiptByExternalNumber("R-1");
    expect(found?.Id).toBe(ids[0]);
    expect(await c.getReceiptByExternalNumber("R-404")).toBeNull();
    await c.voidReceipt(ids[0]!);
    expect(mock.receipt(LICENSE, "R-1")?.voided).toBe(true);
  });

  it("updates a receipt", async () => {
    const c = client();
    const { ids } = await c.createReceipts([receipt("R-upd")]);
    await c.updateReceipts([
      {
        ...receipt("R-upd"),
        Id: ids[0]!,
        SalesCustomerType: "Patient",
        PatientLicenseNumber: "PT-0002",
        IdentificationMethod: "Medical card and photo ID",
      },
    ]);
    expect(mock.receipt(LICENSE, "R-upd")?.SalesCustomerType).toBe("Patient");
  });

  it("adjusts a package with a known reason and refuses an unknown one", async () => {
    const c = client();
    const reasons = await c.adjustReasons();
    expect(reasons.map((r) => r.Name)).toContain("Damage");
    const before = mock.packages(LICENSE).find((p) => p.Label === LABEL)!.Quantity;
    await c.adjustPackages([
      {
        Label: LABEL,
        Quantity: -2,
        UnitOfMeasure: "Each",
        AdjustmentReason: "Damage",
        AdjustmentDate: "2026-05-01",
      },
    ]);
    expect(mock.packages(LICENSE).find((p) => p.Label === LABEL)!.Quantity).toBe(before - 2);
    const refused = await failure(
      c.adjustPackages([
        {
          Label: LABEL,
          Quantity: -1,
          UnitOfMeasure: "Each",
          AdjustmentReason: "Gremlins",
          AdjustmentDate: "2026-05-01",
        },
      ]),
    );
    expect(refused.kind).toBe("rejected");
    expect(refused.retryable).toBe(false);
    expect(refused.message).toMatch(/Unknown adjustment reason Gremlins/);
  });

  it("pages active packages 20 at a time", async () => {
    const c = client();
    const first = await c.activePackages({ pageNumber: 1, pageSize: 50 });
    expect(first.Data).toHaveLength(20);
    expect(first.TotalPages).toBe(3);
    const third = await c.activePackages({ pageNumber: 3 });
    expect(third.Data).toHaveLength(5);
  });

  it("lists facilities and units of measure", async () => {
    const c = client();
    expect((await c.facilities()).map((f) => f.License.Number)).toEqual([LICENSE]);
    expect((await c.unitsOfMeasure()).map((u) => u.Name)).toContain("Each");
  });

  it("refuses a malformed receipt with METRC's reason, as a non-retryable rejection", async () => {
    const bad = { ...receipt("R-bad"), SalesDateTime: "2026-05-01T11:00:00Z" };
    const error = await failure(client().createReceipts([bad]));
    expect(error.kind).toBe("rejected");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/SalesDateTime/);
  });
});

describe("METRC faults become typed errors", () => {
  const cases = [
    ["unauthorized", "auth", false, false],
    ["server_error", "server", true, true],
    ["hang", "timeout", true, true],
    ["html", "bad_response", true, true],
    ["empty", "bad_response", true, true],
    ["applied_then_500", "server", true, true],
    ["applied_then_empty", "bad_response", true, true],
  ] as const;
  it.each(cases)("%s -> %s", async (fault, kind, retryable, ambiguous) => {
    mock.script(fault);
    const error = await failure(client().createReceipts([receipt(`R-${fault}`)]));
    expect(error.kind).toBe(kind);
    expect(error.retryable).toBe(retryable);
    expect(error.ambiguous).toBe(ambiguous);
    expect(error.message).not.toContain(USER);
    expect(error.message).not.toContain(VENDOR);
    expect(JSON.stringify(error)).not.toContain(USER);
    expect(String(error.stack)).not.toContain(USER);
  });

  it("429 carries Retry-After", async () => {
    mock.script("rate_limit");
    const error = await failure(client().facilities());
    expect(error.kind).toBe("rate_limited");
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(1000);
  });

  it("an empty or HTML answer to a look-up is a failure, never 'not found'", async () => {
    mock.script("empty");
    expect((await failure(client().getReceiptByExternalNumber("R-1"))).kind).toBe("bad_response");
    mock.script("html");
    expect((await failure(client().getReceiptByExternalNumber("R-1"))).kind).toBe("bad_response");
  });

  it("wrong keys and a foreign license are auth errors that do not echo the key", async () => {
    const wrong = await failure(client({ userKey: "not-the-right-key-1234" }).facilities());
    expect(wrong.kind).toBe("auth");
    expect(wrong.message).not.toContain("not-the-right-key-1234");
    const foreign = await failure(client({ licenseNumber: "OTHER-LIC" }).facilities());
    expect(foreign.kind).toBe("auth");
    expect(foreign.status).toBe(403);
  });

  it("an unreachable server is a network error", async () => {
    const error = await failure(client({ baseUrl: "http://127.0.0.1:9" }).facilities());
    expect(error.kind).toBe("network");
    expect(error.ambiguous).toBe(true);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = new Date("2026-05-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Fri, 01 May 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
