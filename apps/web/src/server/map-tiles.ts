import "server-only";
import { env } from "~/env";
import type { MapTiles } from "~/components/deliveries/delivery-map";

/**
 * The tile server for live maps, from MAP_TILE_URL (an `{z}/{x}/{y}` template, optionally with `{s}`) and
 * MAP_TILE_ATTRIBUTION. Null when unset or malformed: maps then draw a plain plot without tiles.
 */
export function mapTiles(): MapTiles | null {
  const { MAP_TILE_URL: url, MAP_TILE_ATTRIBUTION: attribution } = env();
  if (!url || !/^https?:\/\//.test(url) || !["{z}", "{x}", "{y}"].every((p) => url.includes(p))) return null;
  return { url, attribution: attribution ?? null };
}
