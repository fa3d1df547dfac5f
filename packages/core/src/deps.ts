import type { Database, DbOrTx } from "@cannasaas/db/client";
import type { AiProvider } from "@cannasaas/integrations/ai";
import type { DnsResolver } from "@cannasaas/integrations/dns";
import type { Geocoder } from "@cannasaas/integrations/geocoder";
import type { KV } from "@cannasaas/integrations/kv";
import type { Logger } from "@cannasaas/integrations/logger";
import type { MailTransport } from "@cannasaas/integrations/mail";
import type { SmsProvider } from "@cannasaas/integrations/sms";
import type { PushSender } from "@cannasaas/integrations/push";
import type { ImageProcessor } from "@cannasaas/integrations/images";
import type { FileStorage } from "@cannasaas/integrations/storage";
import type { SecretBox } from "./crypto/secret-box";
import type { BillingContext } from "./billing/provider";
import type { MetrcRuntime } from "./metrc/runtime";

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** What services need from the outside world, passed explicitly so tests can hand in real ones. */
export type CoreDeps = {
  db: Database;
  kv: KV;
  clock: Clock;
  log?: Logger;
  /** Private files (ID scans); required by the services that read or write them. */
  storage?: FileStorage;
  /** Decodes product photos and makes their thumbnails; required by the photo upload. */
  images?: ImageProcessor;
  /** Seals secrets at rest (webhook signing secrets); the DATA_ENCRYPTION_KEYS ring when not given. */
  secrets?: SecretBox;
  /** Lets webhook endpoints use plain http on loopback: local development and tests only. */
  allowInsecureWebhookUrls?: boolean;
  /** The SaaS billing provider and operators; "not configured" when absent. */
  billing?: BillingContext;
  /** METRC vendor key, secret box and transport; read from the environment when absent. */
  metrc?: MetrcRuntime;
  /** Answers custom-domain verification; DOMAIN_DNS / LOCAL_DNS_RECORDS decide when absent. */
  dns?: DnsResolver;
  /** Places location addresses on the map; GEOCODER decides when absent (offline ZIP centroids by default). */
  geocoder?: Geocoder;
  /** Twilio or the dev mailbox for texts; TWILIO_* decide when absent. */
  sms?: SmsProvider;
  /** The Claude adapter when a key is configured; null or absent means AI is off (local defaults answer). */
  ai?: AiProvider | null;
  /** Web push to shoppers' browsers; VAPID_* decide when absent (web push with keys, else the dev mailbox). */
  push?: PushSender;
};

export type MailDeps = { db: DbOrTx; mail: MailTransport; clock: Clock; log?: Logger };

/**
 * A short unit of database work before or between outside calls (an AI model, the geocoder): a tenant-scoped
 * transaction of its own when a procedure calls out (`TenantTransactions.read`), so none is held across the call.
 */
export type ReadStep = <T>(work: (db: DbOrTx) => Promise<T>) => Promise<T>;

/** Every step on one handle: for callers that already hold the scope they want (a job, a test). */
export const onHandle =
  (db: DbOrTx): ReadStep =>
  (work) =>
    work(db);

/** Reads before an outside call and the one write after it (see TenantTransactions in @cannasaas/db). */
export type DbSteps = { read: ReadStep; commit: ReadStep };

/**
 * The database steps of a service that calls out: the caller's short scoped transactions when it gives them
 * (a procedure that calls out, whose `db` is refused), else every step on its one handle.
 */
export const stepsOf = (deps: { db: DbOrTx; steps?: DbSteps }): DbSteps =>
  deps.steps ?? { read: onHandle(deps.db), commit: onHandle(deps.db) };
