"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import type { RouterOutputs } from "@cannasaas/api";
import { Badge } from "@cannasaas/ui/badge";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableEmpty,
  TableHead,
  TableHeader,
  TableRowHeader,
} from "@cannasaas/ui/table";
import { describeError } from "~/components/auth/errors";
import { formatDateTime } from "~/lib/format";
import { useTRPC } from "~/lib/trpc/client";

type Row = RouterOutputs["promotions"]["list"]["promotions"][number];

function dates(row: Row, timeZone: string) {
  if (!row.startsAt && !row.endsAt) return "No end date";
  const from = row.startsAt ? formatDateTime(row.startsAt, timeZone) : "now";
  return row.endsAt ? `${from} to ${formatDateTime(row.endsAt, timeZone)}` : `From ${from}`;
}

export function PromotionsTable({
  promotions,
  timeZone,
  onEdit,
}: {
  promotions: Row[];
  timeZone: string;
  onEdit: (promotionId: string) => void;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const done = { onSuccess: () => router.refresh() };
  const pause = useMutation(trpc.promotions.pause.mutationOptions(done));
  const resume = useMutation(trpc.promotions.resume.mutationOptions(done));
  const end = useMutation(trpc.promotions.end.mutationOptions(done));
  const error = pause.error ?? resume.error ?? end.error;

  return (
    <section aria-labelledby="promotions-heading" className="flex flex-col gap-3">
      <h2 id="promotions-heading" className="text-lg font-semibold">
        Your promotions
      </h2>
      {error ? <Notice tone="error">{describeError(error).message}</Notice> : null}
      <div className="overflow-x-auto">
        <Table className="min-w-[48rem]">
          <TableCaption className="sr-only">Promotions, their schedule, status and use</TableCaption>
          <TableHeader>
            <tr>
              <TableHead>Promotion</TableHead>
              <TableHead>Schedule</TableHead>
              <TableHead>Codes</TableHead>
              <TableHead align="right">Used</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {promotions.length === 0 ? (
              <TableEmpty colSpan={6}>No promotions yet. Create one below.</TableEmpty>
            ) : (
              promotions.map((p) => (
                <tr key={p.id} data-testid="promotion-row">
                  <TableRowHeader>
                    <span className="font-medium">{p.name}</span>
                    <span className="block text-xs text-stone-600">
                      {p.kind.replaceAll("_", " ")} · {p.stacking.replaceAll("_", " ")}
                      {p.firstOrderOnly ? " · first order" : ""}
                    </span>
                  </TableRowHeader>
                  <TableCell>
                    <span className="block">{p.hours}</span>
                    <span className="block text-xs text-stone-600">{dates(p, timeZone)}</span>
                  </TableCell>
                  <TableCell>{p.codes.length ? p.codes.join(", ") : "Automatic"}</TableCell>
                  <TableCell numeric>
                    {p.redemptionCount}
                    {p.totalLimit !== null ? ` / ${p.totalLimit}` : ""}
                  </TableCell>
                  <TableCell>
                    {p.liveAt ? (
                      <Badge tone="success">Live now</Badge>
                    ) : p.status === "active" ? (
                      <Badge tone="info">{p.usedUp ? "Used up" : "Scheduled"}</Badge>
                    ) : (
                      <Badge tone={p.status === "paused" ? "warning" : "neutral"}>
                        {p.status === "paused" ? "Paused" : "Ended"}
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {p.status === "ended" ? null : (
                      <span className="flex gap-1">
                        <Button variant="ghost" onClick={() => onEdit(p.id)}>
                          Edit<span className="sr-only"> {p.name}</span>
                        </Button>
                        {p.status === "active" ? (
                          <Button variant="ghost" onClick={() => pause.mutate({ promotionId: p.id })}>
                            Pause<span className="sr-only"> {p.name}</span>
                          </Button>
                        ) : (
                          <Button variant="ghost" onClick={() => resume.mutate({ promotionId: p.id })}>
                            Resume<span className="sr-only"> {p.name}</span>
                          </Button>
                        )}
                        <Button
                          variant="ghost"
                          onClick={() => {
                            if (window.confirm(`End ${p.name}? Ended promotions cannot be restarted.`))
                              end.mutate({ promotionId: p.id });
                          }}
                        >
                          End<span className="sr-only"> {p.name}</span>
                        </Button>
                      </span>
                    )}
                  </TableCell>
                </tr>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
