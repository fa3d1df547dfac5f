import postgres from "postgres";

/** What a page was rendered against: the listening connection's epoch and its organization's generation. */
export type ChangeStamp = { epoch: number; generation: number };

/**
 * What the page cache knows of changes to storefront data. Each `storefront_changed` notice (sent by database
 * triggers when a change commits) bumps its organization's generation. Notices sent while the listening
 * connection is down are lost, so opening or losing it starts a new epoch, which outdates every stamp. While
 * it is not listening there is no stamp to give: nothing is cached.
 */
export class StorefrontChanges {
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private listening = false;

  /** The stamp to record before rendering an organization's page, or null when changes cannot be heard. */
  stamp(organizationId: string): ChangeStamp | null {
    if (!this.listening) return null;
    return { epoch: this.epoch, generation: this.generations.get(organizationId) ?? 0 };
  }

  /** Whether nothing of the organization changed since `stamp` was taken, and none could have gone unheard. */
  isCurrent(organizationId: string, stamp: ChangeStamp): boolean {
    return (
      this.listening &&
      stamp.epoch === this.epoch &&
      stamp.generation === (this.generations.get(organizationId) ?? 0)
    );
  }

  changed(organizationId: string) {
    this.generations.set(organizationId, (this.generations.get(organizationId) ?? 0) + 1);
  }

  opened() {
    this.epoch += 1;
    this.listening = true;
  }

  lost() {
    this.epoch += 1;
    this.listening = false;
  }
}

export const STOREFRONT_CHANGED_CHANNEL = "storefront_changed";
const RETRY_MS = 1_000;

/**
 * Listens for `storefront_changed` on a connection of its own, reconnecting after a second when it drops.
 * Returns a function that stops listening and closes the connection.
 */
export function listenForStorefrontChanges(databaseUrl: string, changes: StorefrontChanges) {
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // `onnotify` is a connection option postgres.js reads (its own `listen` is built on it) but does not type;
  // `listen` itself would reconnect without saying when the connection dropped, and that must start an epoch.
  const options: postgres.Options<Record<string, never>> & {
    onnotify: (channel: string, payload: string) => void;
  } = {
    max: 1,
    // Held open for good: an idle or aged-out close would only cost a reconnect and a new epoch.
    idle_timeout: 0,
    max_lifetime: null,
    onnotice: () => {},
    onnotify: (channel, payload) => {
      if (channel === STOREFRONT_CHANGED_CHANNEL) changes.changed(payload);
    },
    onclose: () => {
      changes.lost();
      scheduleListen();
    },
  };
  const sql = postgres(databaseUrl, options);

  function scheduleListen() {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, RETRY_MS);
    retry.unref?.();
  }

  async function listen() {
    try {
      await sql.unsafe(`listen ${STOREFRONT_CHANGED_CHANNEL}`);
      if (!stopped) changes.opened();
    } catch {
      changes.lost();
      scheduleListen();
    }
  }

  void listen();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    changes.lost();
    await sql.end({ timeout: 1 });
  };
}
