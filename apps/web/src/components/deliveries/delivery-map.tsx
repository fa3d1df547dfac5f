"use client";
import { useEffect, useState } from "react";
import { useTimeZone } from "~/components/time-zone";
import { formatDistance, formatEta } from "./format";
import { fitView, tilesFor, toFrame, type Point } from "./projection";
import type { MapDelivery } from "./types";

export type MapTiles = { url: string; attribution: string | null };

const WIDTH = 640;
const HEIGHT = 360;

/** Re-renders every 30 s so "about N min" stays true between updates. */
function useNow() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The distance and ETA of a delivery in words: what the map shows, for everyone. */
export function deliveryProgressText(d: MapDelivery, now: Date, timeZone: string) {
  if (d.status === "delivered") return "Delivered.";
  const parts: string[] = [];
  if (d.remainingMeters != null) parts.push(`${formatDistance(d.remainingMeters)} to go`);
  if (d.etaAt) parts.push(`arrives ${formatEta(d.etaAt, now, timeZone)}`);
  if (!d.destination) parts.push("no map position for the address, so no ETA");
  return parts.length ? `${parts.join(", ")}.` : "";
}

/**
 * Stores, destinations and drivers on a map. With a tile server configured it draws the tiles (Web Mercator,
 * computed here); without one, the same projection on a plain grid. Distance and ETA are always in text too.
 */
export function DeliveryMap({
  deliveries,
  tiles,
  title,
}: {
  deliveries: MapDelivery[];
  tiles: MapTiles | null;
  title: string;
}) {
  const now = useNow();
  const timeZone = useTimeZone();
  const points: Point[] = deliveries.flatMap((d) =>
    [d.store, d.destination, d.driver, ...d.trail].filter((p): p is Point => p !== null),
  );
  const view = fitView(points, WIDTH, HEIGHT);
  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  return (
    <figure className="flex flex-col gap-2">
      {view ? (
        <div
          className="relative w-full overflow-hidden rounded-lg border border-stone-200 bg-stone-50"
          style={{ aspectRatio: `${WIDTH} / ${HEIGHT}` }}
          role="img"
          aria-label={`${title}: ${deliveries.map((d) => `order #${d.orderNumber}, ${d.label.toLowerCase()}`).join("; ") || "no deliveries"}`}
          data-testid="delivery-map"
          data-tiles={tiles ? "on" : "off"}
        >
          {tiles
            ? tilesFor(view, tiles.url).map((t) => (
                // Plain images: tiles come from whatever server is configured, not through next/image.
                // eslint-disable-next-line @next/next/no-img-element
                <img
                  key={t.key}
                  src={t.url}
                  alt=""
                  draggable={false}
                  className="absolute max-w-none select-none"
                  style={{
                    left: pct(t.x, WIDTH),
                    top: pct(t.y, HEIGHT),
                    width: pct(256, WIDTH),
                    height: pct(256, HEIGHT),
                  }}
                />
              ))
            : null}
          <svg
            viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
            className="absolute inset-0 h-full w-full"
            aria-hidden="true"
          >
            {tiles ? null : <Grid />}
            {deliveries.map((d) => (
              <DeliveryMarks key={d.id} delivery={d} project={(p) => toFrame(p, view)} />
            ))}
          </svg>
        </div>
      ) : (
        <p className="rounded-lg border border-dashed border-stone-300 p-6 text-center text-sm text-stone-600">
          Nothing to place on the map yet: no store, address or driver position has coordinates.
        </p>
      )}
      <figcaption className="flex flex-col gap-1 text-sm">
        <span className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-600">
          <span>
            <span aria-hidden="true" className="mr-1 inline-block size-2.5 bg-stone-800" /> Store
          </span>
          <span>
            <span
              aria-hidden="true"
              className="mr-1 inline-block size-2.5 rounded-full border-2 border-brand"
            />{" "}
            Delivery address
          </span>
          <span>
            <span aria-hidden="true" className="mr-1 inline-block size-2.5 rounded-full bg-blue-600" /> Driver
          </span>
          {tiles?.attribution ? <span>Map data {tiles.attribution}</span> : null}
        </span>
        <ul className="flex flex-col gap-0.5" aria-label="Distance and arrival">
          {deliveries.map((d) => (
            <li key={d.id} data-testid="delivery-progress" suppressHydrationWarning>
              <span className="font-medium">
                #{d.orderNumber} · {d.label}
              </span>
              {d.driverName ? ` · ${d.driverName}` : ""} {deliveryProgressText(d, now, timeZone)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

function Grid() {
  const lines = [];
  for (let x = 40; x < WIDTH; x += 40) lines.push(<line key={`x${x}`} x1={x} x2={x} y1={0} y2={HEIGHT} />);
  for (let y = 40; y < HEIGHT; y += 40) lines.push(<line key={`y${y}`} x1={0} x2={WIDTH} y1={y} y2={y} />);
  return (
    <g stroke="#e7e5e4" strokeWidth={1}>
      {lines}
    </g>
  );
}

function DeliveryMarks({
  delivery,
  project,
}: {
  delivery: MapDelivery;
  project: (p: Point) => { x: number; y: number };
}) {
  const store = delivery.store ? project(delivery.store) : null;
  const home = delivery.destination ? project(delivery.destination) : null;
  const driver = delivery.driver ? project(delivery.driver) : null;
  const trail = delivery.trail.map(project);
  const from = driver ?? store;
  return (
    <g>
      {from && home ? (
        <line
          x1={from.x}
          y1={from.y}
          x2={home.x}
          y2={home.y}
          stroke="#57534e"
          strokeWidth={2}
          strokeDasharray="6 6"
        />
      ) : null}
      {trail.length > 1 ? (
        <polyline
          points={trail.map((p) => `${p.x},${p.y}`).join(" ")}
          fill="none"
          stroke="#2563eb"
          strokeOpacity={0.5}
          strokeWidth={3}
        />
      ) : null}
      {store ? <rect x={store.x - 7} y={store.y - 7} width={14} height={14} fill="#292524" rx={2} /> : null}
      {home ? (
        <g>
          <circle
            cx={home.x}
            cy={home.y}
            r={9}
            fill="white"
            stroke="var(--color-brand, #1f7a4d)"
            strokeWidth={4}
          />
          <text x={home.x + 12} y={home.y + 4} fontSize={13} fontWeight={600} fill="#1c1917">
            #{delivery.orderNumber}
          </text>
        </g>
      ) : null}
      {driver ? (
        <g data-testid="driver-marker">
          <circle cx={driver.x} cy={driver.y} r={14} fill="#2563eb" fillOpacity={0.15} />
          <circle cx={driver.x} cy={driver.y} r={7} fill="#2563eb" stroke="white" strokeWidth={2} />
        </g>
      ) : null}
    </g>
  );
}
