import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Where the page cache leaves its front door for `server.ts`: a function that answers a request from memory
 * and says true, or says false and leaves the request to Next. A global, because `server.ts` runs outside
 * Next's bundles; it is set once the cache is first used (it never is on PGlite or with PAGE_CACHE=off).
 */
export const FRONT_DOOR_SLOT = "__cannasaasPageCacheFrontDoor";

export type FrontDoor = (req: IncomingMessage, res: ServerResponse) => boolean;

export function frontDoor(): FrontDoor | undefined {
  return (globalThis as Record<string, unknown>)[FRONT_DOOR_SLOT] as FrontDoor | undefined;
}

export function openFrontDoor(door: FrontDoor) {
  (globalThis as Record<string, unknown>)[FRONT_DOOR_SLOT] = door;
}
