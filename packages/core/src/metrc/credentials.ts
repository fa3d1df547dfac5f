import { and, eq, inArray } from "drizzle-orm";
import { locations, metrcCredentials, metrcSyncItems } from "@cannasaas/db/schema";
import type { TenantTransactions } from "@cannasaas/db/tenant-scope";
import { wakeKey } from "../queue/manage";
import {
  createMetrcClient,
  isMetrcError,
  metrcBaseUrl,
  stateUsesMetrc,
  type MetrcClient,
} from "@cannasaas/integrations/metrc";
import { DomainError } from "../errors";
import type { MetrcDeps, MetrcRuntime } from "./runtime";
import { METRC_QUEUE } from "./sync-items";

export type SetMetrcCredentialsInput = {
  locationId: string;
  userKey: string;
  /** Defaults to the location's METRC license number. */
  licenseNumber?: string | null;
  sandbox?: boolean;
};

/** What the dashboard may show about stored credentials: never the key, only its end and when it was set. */
export type MetrcCredentialStatus = {
  locationId: string;
  licenseNumber: string;
  sandbox: boolean;
  setAt: Date;
  userKeyLastFour: string;
  lastVerifiedAt: Date | null;
  lastAuthError: string | null;
};

const statusColumns = {
  locationId: metrcCredentials.locationId,
  licenseNumber: metrcCredentials.licenseNumber,
  sandbox: metrcCredentials.sandbox,
  setAt: metrcCredentials.setAt,
  userKeyLastFour: metrcCredentials.userKeyLastFour,
  lastVerifiedAt: metrcCredentials.lastVerifiedAt,
  lastAuthError: metrcCredentials.lastAuthError,
};

/**
 * Stores a location's METRC user key sealed (AES-256-GCM) and its facility license. Waiting reports for the
 * location become due at once, so setting the key unblocks them on the next sync.
 */
export async function setMetrcCredentials(
  deps: Pick<MetrcDeps, "db" | "clock" | "metrc">,
  organizationId: string,
  actorUserId: string | null,
  input: SetMetrcCredentialsInput,
): Promise<MetrcCredentialStatus> {
  const box = deps.metrc.box;
  if (!box) {
    throw new DomainError(
      "PRECONDITION_FAILED",
      "Credentials cannot be stored: the server has no encryption key (DATA_ENCRYPTION_KEYS).",
    );
  }
  const userKey = input.userKey.trim();
  if (userKey.length < 8) throw new DomainError("BAD_REQUEST", "That does not look like a METRC user key.");
  const now = deps.clock();
  return deps.db.transaction(async (tx) => {
    const [location] = await tx
      .select({ id: locations.id, license: locations.metrcLicenseNumber, state: locations.state })
      .from(locations)
      .where(and(eq(locations.id, input.locationId), eq(locations.organizationId, organizationId)));
    if (!location) throw new DomainError("NOT_FOUND", "That location does not exist.");
    if (!stateUsesMetrc(location.state)) {
      throw new DomainError(
        "BAD_REQUEST",
        `${location.state} does not use METRC, so no METRC key is needed.`,
      );
    }
    const licenseNumber = (input.licenseNumber ?? location.license ?? "").trim();
    if (!licenseNumber) throw new DomainError("BAD_REQUEST", "Enter the facility's METRC license number.");
    const values = {
      sealedUserKey: box.seal(userKey),
      userKeyLastFour: userKey.slice(-4),
      licenseNumber,
      sandbox: input.sandbox ?? false,
      setAt: now,
      setByUserId: actorUserId,
      lastVerifiedAt: null,
      lastAuthError: null,
    };
    const [row] = await tx
      .insert(metrcCredentials)
      .values({ organizationId, locationId: location.id, ...values })
      .onConflictDoUpdate({ target: metrcCredentials.locationId, set: values })
      .returning(statusColumns);
    await tx
      .update(locations)
      .set({ metrcLicenseNumber: licenseNumber })
      .where(and(eq(locations.id, location.id), eq(locations.organizationId, organizationId)));
    await tx
      .update(metrcSyncItems)
      .set({ nextAttemptAt: now })
      .where(
        and(
          eq(metrcSyncItems.organizationId, organizationId),
          eq(metrcSyncItems.locationId, location.id),
          inArray(metrcSyncItems.status, ["pending", "failed"]),
        ),
      );
    await wakeKey(tx, METRC_QUEUE, location.id, now);
    return row!;
  });
}

export async function listMetrcCredentialStatus(deps: Pick<MetrcDeps, "db">, organizationId: string) {
  return deps.db
    .select(statusColumns)
    .from(metrcCredentials)
    .where(eq(metrcCredentials.organizationId, organizationId));
}

export type FacilityClient =
  | { ok: true; client: MetrcClient; licenseNumber: string; locationName: string }
  | { ok: false; reason: string; locationName: string; missing?: boolean };

/**
 * A client for one location, or the reason there cannot be one ("METRC not configured for <location>: ...").
 * The user key is opened only here, in memory, for the duration of a run.
 */
export async function metrcClientForLocation(
  deps: Pick<MetrcDeps, "db" | "clock" | "metrc">,
  organizationId: string,
  locationId: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<FacilityClient> {
  const [row] = await deps.db
    .select({ name: locations.name, state: locations.state, credentials: metrcCredentials })
    .from(locations)
    .leftJoin(metrcCredentials, eq(metrcCredentials.locationId, locations.id))
    .where(and(eq(locations.id, locationId), eq(locations.organizationId, organizationId)));
  if (!row)
    return {
      ok: false,
      reason: "That location does not exist.",
      locationName: "unknown location",
      missing: true,
    };
  const notConfigured = (why: string) => ({
    ok: false as const,
    reason: `METRC not configured for ${row.name}: ${why}`,
    locationName: row.name,
  });
  if (!stateUsesMetrc(row.state))
    return notConfigured(`${row.state} does not use METRC for track and trace.`);
  const runtime: MetrcRuntime = deps.metrc;
  if (!runtime.vendorKey) return notConfigured("the platform has no METRC vendor key (METRC_VENDOR_KEY).");
  if (!row.credentials) return notConfigured("no METRC user key has been set for this location.");
  if (!runtime.box) return notConfigured("the server has no encryption key to open the stored user key.");
  let userKey: string;
  try {
    userKey = runtime.box.open(row.credentials.sealedUserKey);
  } catch {
    return notConfigured(
      "the stored user key cannot be opened with the current encryption keys; set it again.",
    );
  }
  const client = createMetrcClient({
    baseUrl: metrcBaseUrl(row.state, { sandbox: row.credentials.sandbox, override: runtime.baseUrlOverride }),
    vendorKey: runtime.vendorKey,
    userKey,
    licenseNumber: row.credentials.licenseNumber,
    timeoutMs: runtime.timeoutMs,
    fetch: options.fetch ?? runtime.fetch,
    clock: deps.clock,
    signal: options.signal,
  });
  return { ok: true, client, licenseNumber: row.credentials.licenseNumber, locationName: row.name };
}

/** Records whether METRC accepted the credentials (401/403 mark them; any accepted call clears the mark). */
export async function recordMetrcAuth(
  deps: Pick<MetrcDeps, "db" | "clock">,
  organizationId: string,
  locationId: string,
  error: string | null,
) {
  await deps.db
    .update(metrcCredentials)
    .set(
      error ? { lastAuthError: error.slice(0, 500) } : { lastAuthError: null, lastVerifiedAt: deps.clock() },
    )
    .where(
      and(eq(metrcCredentials.organizationId, organizationId), eq(metrcCredentials.locationId, locationId)),
    );
}

/** The location's client, read in a short transaction of its own, or the refusal when there cannot be one. */
async function facilityOrRefusal(
  deps: Pick<MetrcDeps, "clock" | "metrc">,
  steps: Pick<TenantTransactions, "read">,
  organizationId: string,
  locationId: string,
) {
  const facility = await steps.read((db) =>
    metrcClientForLocation({ ...deps, db }, organizationId, locationId),
  );
  if (!facility.ok)
    throw new DomainError(facility.missing ? "NOT_FOUND" : "PRECONDITION_FAILED", facility.reason);
  return facility;
}

/**
 * Calls METRC's facility list with the stored keys and checks the license is among them. No transaction is
 * open while METRC answers: the keys are read in one short transaction and the answer written in another
 * (`steps`, confined to the organization). A refusal of the keys (401/403, or a license not among the
 * facilities) is recorded on the credentials and committed before it is thrown, so the dashboard shows it.
 */
export async function verifyMetrcCredentials(
  deps: Pick<MetrcDeps, "clock" | "metrc">,
  steps: TenantTransactions,
  organizationId: string,
  locationId: string,
) {
  const facility = await facilityOrRefusal(deps, steps, organizationId, locationId);
  let refusal: DomainError | null = null;
  try {
    const facilities = await facility.client.facilities();
    if (!facilities.some((f) => f.License.Number === facility.licenseNumber))
      refusal = new DomainError(
        "PRECONDITION_FAILED",
        `METRC accepted the key, but license ${facility.licenseNumber} is not one of its facilities.`,
      );
  } catch (error) {
    if (!isMetrcError(error)) throw error;
    // Not an answer about the keys (METRC down, a time-out): nothing to record.
    if (error.kind !== "auth") throw new DomainError("CONFLICT", error.message);
    refusal = new DomainError("PRECONDITION_FAILED", error.message);
  }
  const outcome = await steps.commit(async (db) => {
    await recordMetrcAuth({ ...deps, db }, organizationId, locationId, refusal?.message ?? null);
    return refusal
      ? { ok: false as const, reason: refusal.message }
      : { ok: true as const, licenseNumber: facility.licenseNumber, verifiedAt: deps.clock() };
  });
  if (refusal) throw refusal;
  return outcome;
}

/**
 * METRC's package adjustment reasons for a location's state (for the reason picker of damage and adjust
 * movements), with no transaction open while METRC answers. Refuses clearly when METRC is not configured for
 * the location or does not answer.
 */
export async function listMetrcAdjustReasons(
  deps: Pick<MetrcDeps, "clock" | "metrc">,
  steps: Pick<TenantTransactions, "read">,
  organizationId: string,
  locationId: string,
) {
  const facility = await facilityOrRefusal(deps, steps, organizationId, locationId);
  try {
    const reasons = await facility.client.adjustReasons();
    return reasons.map((r) => ({ name: r.Name, requiresNote: r.RequiresNote ?? false }));
  } catch (error) {
    if (!isMetrcError(error)) throw error;
    throw new DomainError(error.kind === "auth" ? "PRECONDITION_FAILED" : "CONFLICT", error.message);
  }
}
