"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { PurchaserType } from "@cannasaas/validators";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

/**
 * Before the last step: the state's purchase limits with what this cart and today's earlier orders use of
 * each (the rule in plain words, its citation), and whether the shopper's age and ID pass, by the rules
 * checkout enforces. `signedIn` decides whether age and ID can be told yet.
 */
export function CheckoutReadiness({ purchaser, signedIn }: { purchaser: PurchaserType; signedIn: boolean }) {
  const trpc = useTRPC();
  const ready = useQuery(trpc.cart.readiness.queryOptions({ purchaser }));
  if (ready.isPending) return <p role="status">Checking purchase limits…</p>;
  if (ready.isError) return <p role="alert">{describeError(ready.error).message}</p>;
  const { limits, limitsNote, eligibility } = ready.data;
  return (
    <section
      aria-labelledby="readiness-heading"
      className="flex flex-col gap-3 rounded-xl bg-white p-4 shadow-sm"
    >
      <h2 id="readiness-heading" className="font-semibold">
        Purchase limits, age and ID
      </h2>
      {limits ? (
        <>
          <ul className="flex flex-col gap-3" aria-label={`${limits.stateName} purchase limits`}>
            {limits.gauges.map((g) => {
              const over = g.used > g.allowed;
              return (
                <li key={g.limitId} className="flex flex-col gap-1 text-sm" data-testid="limit-gauge">
                  <div className="flex justify-between gap-3">
                    <span className="font-medium first-letter:uppercase">{g.label}</span>
                    <span className={over ? "font-semibold text-red-700" : "text-stone-700"}>
                      {g.usedText}
                    </span>
                  </div>
                  <meter
                    min={0}
                    max={g.allowed}
                    value={Math.min(g.used, g.allowed)}
                    high={g.allowed * 0.8}
                    optimum={0}
                    aria-label={`${g.label}: ${g.usedText}`}
                    className="h-2 w-full"
                  />
                  <p
                    className={over ? "font-medium text-red-700" : "text-stone-600"}
                    role={over ? "alert" : undefined}
                  >
                    {over ? "More than this allows: remove some to check out. " : ""}
                    {g.rule}
                    {g.earlier > 0 ? " Includes today's earlier orders." : ""}
                  </p>
                </li>
              );
            })}
          </ul>
          {limits.citation ? <p className="text-xs text-stone-600">Source: {limits.citation}</p> : null}
        </>
      ) : (
        <p className="text-sm text-stone-700">
          {limitsNote ?? "Choose a location to see how this cart counts toward the state's purchase limits."}
        </p>
      )}
      {signedIn && eligibility ? (
        eligibility.ok ? (
          <p className="text-sm font-medium text-emerald-800" data-testid="eligibility">
            Age and ID: ready to order.
          </p>
        ) : (
          <p className="text-sm font-medium text-red-700" data-testid="eligibility" role="alert">
            {eligibility.message}{" "}
            <Link href="/account" className="underline underline-offset-4">
              Go to your account
            </Link>
          </p>
        )
      ) : (
        <p className="text-sm text-stone-700">
          Age and ID are checked once you sign in, before you place the order.
        </p>
      )}
    </section>
  );
}
