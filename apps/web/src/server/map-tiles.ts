import "server-only";
import type { MapTiles } from "~/components/deliveries/delivery-map";

/**
 * The tile server for live maps, from MAP_TILE_URL (an `{z}/{x}/{y}` template, optionally with `{s}`) and
 * MAP_TILE_ATTRIBUTION. Null when unset or malformed: maps then draw a plain plot without tiles.
 */
export function mapTiles(): MapTiles | null {
  const url = process.env.MAP_TILE_URL?.trim();
  if (!url || !/^https?:\/\//.test(url) || !["{z}", "{x}", "{y}"].every((p) => url.includes(p))) return null;
  return { url, attribution: process.env.MAP_TILE_ATTRIBUTION?.trim() || null };
}
