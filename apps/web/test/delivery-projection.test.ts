import { describe, expect, it } from "vitest";
import { fitView, TILE_SIZE, tilesFor, toFrame, worldPixel } from "~/components/deliveries/projection";
import { formatDistance } from "~/components/deliveries/format";

const STORE = { latitude: 37.7626, longitude: -122.4194 };
const HOME = { latitude: 37.7749, longitude: -122.4194 };

describe("delivery map projection", () => {
  it("puts the equator and prime meridian in the middle of the world", () => {
    expect(worldPixel({ latitude: 0, longitude: 0 }, 0)).toEqual({ x: 128, y: 128 });
    expect(worldPixel({ latitude: 0, longitude: 180 }, 1).x).toBe(2 * TILE_SIZE);
    // North is up: a higher latitude is a smaller y.
    expect(worldPixel(HOME, 10).y).toBeLessThan(worldPixel(STORE, 10).y);
  });

  it("zooms in as far as keeps every point inside the padded frame", () => {
    const view = fitView([STORE, HOME], 640, 360)!;
    for (const p of [STORE, HOME]) {
      const { x, y } = toFrame(p, view);
      expect(x).toBeGreaterThanOrEqual(48);
      expect(x).toBeLessThanOrEqual(640 - 48);
      expect(y).toBeGreaterThanOrEqual(48);
      expect(y).toBeLessThanOrEqual(360 - 48);
    }
    // One zoom closer would not fit: the 1.4 km span is 264 px tall at z14 and 528 px at z15.
    expect(view.zoom).toBe(14);
    expect(fitView([STORE], 640, 360)!.zoom).toBe(16);
    expect(fitView([], 640, 360)).toBeNull();
  });

  it("lists the tiles that cover the frame, filling the URL template", () => {
    const view = fitView([STORE, HOME], 640, 360)!;
    const tiles = tilesFor(view, "https://{s}.tile.example/{z}/{x}/{y}.png");
    const xs = new Set(tiles.map((t) => t.x));
    const ys = new Set(tiles.map((t) => t.y));
    expect(tiles).toHaveLength(xs.size * ys.size);
    expect(Math.min(...tiles.map((t) => t.x))).toBeLessThanOrEqual(0);
    expect(Math.max(...tiles.map((t) => t.x))).toBeGreaterThan(640 - TILE_SIZE);
    const storeTile = worldPixel(STORE, 14);
    expect(tiles.map((t) => t.url)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^https://[abc]\\.tile\\.example/14/${Math.floor(storeTile.x / TILE_SIZE)}/${Math.floor(storeTile.y / TILE_SIZE)}\\.png$`,
        ),
      ),
    );
  });

  it("words distances for people", () => {
    expect(formatDistance(0)).toBe("0 m");
    expect(formatDistance(684)).toBe("680 m");
    expect(formatDistance(1368)).toBe("1.4 km");
  });
});
