"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Badge, type BadgeTone } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Card, Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { formatDateTime } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

export type DeliveryRow = {
  id: string;
  endpointUrl: string;
  eventType: string;
  status: "pending" | "succeeded" | "failed" | "dead";
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  attemptLog: Array<{
    id: string;
    responseCode: number | null;
    responseBody: string | null;
    error: string | null;
    durationMs: number;
    manual: boolean;
    createdAt: Date;
  }>;
};

const STATUS_TONE: Record<DeliveryRow["status"], BadgeTone> = {
  pending: "info",
  succeeded: "success",
  failed: "warning",
  dead: "danger",
};

export function DeliveryLog({ deliveries, timeZone }: { deliveries: DeliveryRow[]; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const redeliver = useMutation(
    trpc.integrations.redeliverWebhook.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  return (
    <section aria-labelledby="log-heading" className="flex flex-col gap-3">
      <h2 id="log-heading" className="text-xl font-semibold">
        Delivery log
      </h2>
      {redeliver.error ? <Notice tone="error">{describeError(redeliver.error).message}</Notice> : null}
      {deliveries.length === 0 ? (
        <p className="text-sm text-stone-600">No deliveries yet. Events appear here once they are sent.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Webhook deliveries">
          {deliveries.map((d) => (
            <Card as="li" key={d.id} className="p-3">
              <details>
                <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
                  <code className="text-xs font-semibold">{d.eventType}</code>
                  <span className="text-stone-700">
                    {d.lastResponseCode ? `HTTP ${d.lastResponseCode}` : (d.lastError ?? "not sent yet")}
                  </span>
                  <span className="text-stone-600">
                    {d.attempts} attempt{d.attempts === 1 ? "" : "s"} ·{" "}
                    {formatDateTime(d.createdAt, timeZone)}
                  </span>
                  <span className="break-all text-xs text-stone-500">{d.endpointUrl}</span>
                </summary>
                <div className="mt-3 flex flex-col gap-3">
                  {d.status === "failed" ? (
                    <p className="text-sm text-stone-700">
                      Next retry {formatDateTime(d.nextAttemptAt, timeZone)}.
                    </p>
                  ) : null}
                  <ol className="flex flex-col gap-2 text-sm">
                    {d.attemptLog.map((a) => (
                      <li key={a.id} className="rounded-lg bg-stone-50 p-2">
                        <p>
                          <strong>{a.responseCode ? `HTTP ${a.responseCode}` : "No response"}</strong> in{" "}
                          {a.durationMs} ms · {formatDateTime(a.createdAt, timeZone)}
                          {a.manual ? " · sent by hand" : ""}
                        </p>
                        {a.error ? <p className="text-red-800">{a.error}</p> : null}
                        {a.responseBody ? (
                          <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap break-all text-xs text-stone-700">
                            {a.responseBody}
                          </pre>
                        ) : null}
                      </li>
                    ))}
                  </ol>
                  <div>
                    <Button
                      variant="secondary"
                      disabled={redeliver.isPending}
                      onClick={() => redeliver.mutate({ deliveryId: d.id })}
                    >
                      Redeliver<span className="sr-only"> {d.eventType}</span>
                    </Button>
                  </div>
                </div>
              </details>
            </Card>
          ))}
        </ul>
      )}
    </section>
  );
}
