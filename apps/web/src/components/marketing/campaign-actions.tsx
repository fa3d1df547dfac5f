"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/** Send now, schedule (store-local date and time) or cancel, as the campaign's status allows. */
export function CampaignActions({
  campaignId,
  status,
  timeZone,
  warnings,
}: {
  campaignId: string;
  status: string;
  timeZone: string;
  warnings: string[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [sendAt, setSendAt] = useState("");
  const [confirmed, setConfirmed] = useState(warnings.length === 0);
  const done = { onSuccess: () => router.refresh() };
  const schedule = useMutation(trpc.marketing.schedule.mutationOptions(done));
  const cancel = useMutation(trpc.marketing.cancel.mutationOptions(done));
  const error = schedule.error ?? cancel.error;

  return (
    <div className="flex flex-col gap-3">
      {warnings.length ? (
        <Notice tone="error">
          <p className="font-semibold">Check the wording before sending:</p>
          <ul className="list-disc pl-5">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              className="size-5"
            />
            I have checked it and it complies with my state&apos;s rules.
          </label>
        </Notice>
      ) : null}
      {status === "draft" ? (
        <div className="flex flex-wrap items-end gap-3">
          <Button
            disabled={!confirmed || schedule.isPending}
            onClick={() => schedule.mutate({ campaignId, sendAt: null })}
          >
            Send now
          </Button>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Or schedule for ({timeZone})
            <input
              type="datetime-local"
              value={sendAt}
              onChange={(e) => setSendAt(e.target.value)}
              className="min-h-11 rounded-lg border border-stone-300 px-3"
            />
          </label>
          <Button
            variant="secondary"
            disabled={!confirmed || !sendAt || schedule.isPending}
            onClick={() => schedule.mutate({ campaignId, sendAt })}
          >
            Schedule
          </Button>
        </div>
      ) : null}
      {status === "draft" || status === "scheduled" || status === "sending" ? (
        <Button
          variant="secondary"
          className="self-start"
          disabled={cancel.isPending}
          onClick={() => cancel.mutate({ campaignId })}
        >
          Cancel campaign
        </Button>
      ) : null}
      <div role="status" aria-live="polite">
        {error ? <Notice tone="error">{describeError(error).message}</Notice> : null}
      </div>
    </div>
  );
}
