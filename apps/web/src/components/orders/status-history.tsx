import { STATUS_LABELS } from "@cannasaas/core";
import { formatDateTime } from "~/lib/format";
import type { OrderDetail } from "./types";

export function StatusHistory({ events, timeZone }: { events: OrderDetail["events"]; timeZone: string }) {
  return (
    <ol className="flex flex-col gap-2 border-l-2 border-stone-200 pl-4" aria-label="Status history">
      {events.map((e, i) => (
        <li key={`${e.to}-${i}`} className="text-sm">
          <span className="font-medium">{STATUS_LABELS[e.to]}</span>{" "}
          <time dateTime={e.at.toISOString()} className="text-stone-600">
            {formatDateTime(e.at, timeZone)}
          </time>
          {e.note ? <span className="block text-stone-600">{e.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}
