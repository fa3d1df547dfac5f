"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf } from "../use-step";

export function ReviewStep({
  missing,
  launched,
  storefront,
}: {
  missing: { step: string; label: string }[];
  launched: boolean;
  storefront: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const launch = useMutation(trpc.onboarding.launch.mutationOptions({ onSuccess: () => router.refresh() }));
  const failure = errorOf(launch.error);
  if (launched) {
    return (
      <Notice tone="success">
        Your storefront is live at{" "}
        <a href={storefront} className="font-semibold underline">
          {storefront.replace(/^https?:\/\//, "")}
        </a>
        .
      </Notice>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {missing.length ? (
        <>
          <p className="text-stone-700">Before your storefront can go live, finish:</p>
          <ul className="flex flex-col gap-2">
            {missing.map((m) => (
              <li key={m.step}>
                <Link
                  href={`/dashboard/onboarding?step=${m.step}`}
                  className="text-brand underline underline-offset-4"
                >
                  {m.label}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="text-stone-700">
          Everything is in place. Launching makes your menu public at {storefront.replace(/^https?:\/\//, "")}
          .
        </p>
      )}
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <Button type="button" disabled={launch.isPending || missing.length > 0} onClick={() => launch.mutate()}>
        {launch.isPending ? "Launching…" : "Launch my storefront"}
      </Button>
    </div>
  );
}
