"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RouterInputs } from "@cannasaas/api";
import { useTRPC } from "~/lib/trpc/client";
import { Checkboxes } from "./filter-fields";

import type { Brand } from "./brands-shown";

/**
 * The brand checkboxes: the brands with the most products (and any already chosen) come with the page;
 * "Show all brands" loads the rest (counted under the same search and filters) when the shopper asks for them.
 */
export function BrandFilter(props: {
  facetInput: RouterInputs["storefront"]["facets"];
  shown: Brand[];
  total: number;
  checked: string[];
}) {
  const [all, setAll] = useState(false);
  const trpc = useTRPC();
  const facets = useQuery({ ...trpc.storefront.facets.queryOptions(props.facetInput), enabled: all });
  const brands = all && facets.data ? facets.data.brands : props.shown;
  return (
    <div className="flex flex-col gap-1">
      <Checkboxes
        legend="Brand"
        name="brand"
        checked={props.checked}
        scroll
        options={brands.map((b) => ({ value: b.slug, label: b.name, count: b.count }))}
      />
      {props.total > props.shown.length && !(all && facets.data) ? (
        <button
          type="button"
          onClick={() => setAll(true)}
          disabled={all}
          className="min-h-11 self-start text-sm font-semibold text-brand underline disabled:opacity-60"
        >
          {all
            ? facets.isError
              ? "Could not load brands. Try again later."
              : "Loading brands…"
            : `Show all ${props.total} brands`}
        </button>
      ) : null}
    </div>
  );
}
