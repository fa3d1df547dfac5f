/** Web Mercator maths for drawing deliveries, with or without map tiles (no map library needed). */
export type Point = { latitude: number; longitude: number };
export type View = { zoom: number; left: number; top: number; width: number; height: number };

export const TILE_SIZE = 256;
const MAX_LATITUDE = 85.05112878;

/** Pixel position of a point in the whole world map at `zoom`. */
export function worldPixel(p: Point, zoom: number) {
  const scale = TILE_SIZE * 2 ** zoom;
  const lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, p.latitude));
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: ((p.longitude + 180) / 360) * scale,
    y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale,
  };
}

/** The closest zoom (up to `maxZoom`) that shows every point inside the frame, centred on them. */
export function fitView(
  points: Point[],
  width: number,
  height: number,
  maxZoom = 16,
  padding = 48,
): View | null {
  if (points.length === 0) return null;
  for (let zoom = maxZoom; zoom >= 0; zoom--) {
    const px = points.map((p) => worldPixel(p, zoom));
    const xs = px.map((p) => p.x);
    const ys = px.map((p) => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (zoom > 0 && (maxX - minX > width - 2 * padding || maxY - minY > height - 2 * padding)) continue;
    return {
      zoom,
      left: (minX + maxX) / 2 - width / 2,
      top: (minY + maxY) / 2 - height / 2,
      width,
      height,
    };
  }
  return null;
}

/** Where a point falls in the frame, in frame pixels. */
export function toFrame(p: Point, view: View) {
  const w = worldPixel(p, view.zoom);
  return { x: w.x - view.left, y: w.y - view.top };
}

/** The tiles covering the frame, with their URLs filled in from an `{z}/{x}/{y}` (and `{s}`) template. */
export function tilesFor(view: View, template: string) {
  const count = 2 ** view.zoom;
  const tiles: Array<{ key: string; url: string; x: number; y: number }> = [];
  const first = { x: Math.floor(view.left / TILE_SIZE), y: Math.floor(view.top / TILE_SIZE) };
  const last = {
    x: Math.floor((view.left + view.width) / TILE_SIZE),
    y: Math.floor((view.top + view.height) / TILE_SIZE),
  };
  for (let ty = first.y; ty <= last.y; ty++) {
    if (ty < 0 || ty >= count) continue;
    for (let tx = first.x; tx <= last.x; tx++) {
      const wrapped = ((tx % count) + count) % count;
      const url = template
        .replace("{z}", String(view.zoom))
        .replace("{x}", String(wrapped))
        .replace("{y}", String(ty))
        .replace("{s}", "abc"[(wrapped + ty) % 3]!);
      tiles.push({
        key: `${view.zoom}/${tx}/${ty}`,
        url,
        x: tx * TILE_SIZE - view.left,
        y: ty * TILE_SIZE - view.top,
      });
    }
  }
  return tiles;
}
