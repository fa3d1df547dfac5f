"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { Button } from "@cannasaas/ui/button";
import { Notice } from "@cannasaas/ui/card";
import { useTRPC } from "~/lib/trpc/client";
import { errorOf, useAfterSave } from "../use-step";

export function ProductsStep({ productCount }: { productCount: number }) {
  const trpc = useTRPC();
  const done = useAfterSave();
  const next = useMutation(trpc.onboarding.continue.mutationOptions({ onSuccess: done }));
  const failure = errorOf(next.error);
  return (
    <div className="flex flex-col gap-4">
      <p className="text-stone-700" data-testid="product-count">
        {productCount === 0
          ? "Your menu is empty. Add at least one product before you launch."
          : `${productCount} active product${productCount === 1 ? "" : "s"} on your menu.`}
      </p>
      <div className="flex flex-wrap gap-3">
        <Link
          href="/dashboard/catalog/new"
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 font-semibold"
        >
          Add a product
        </Link>
        <Link
          href="/dashboard/catalog/import"
          className="inline-flex min-h-11 items-center rounded-lg border border-stone-300 bg-white px-4 font-semibold"
        >
          Import a CSV
        </Link>
      </div>
      <p className="text-sm text-stone-600">
        Come back here when your products are in; your progress is kept.
      </p>
      {failure ? <Notice tone="error">{failure.message}</Notice> : null}
      <Button
        type="button"
        disabled={next.isPending || productCount === 0}
        onClick={() => next.mutate({ step: "products" })}
      >
        Continue
      </Button>
    </div>
  );
}
