"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc/client";
import { RecommendationLists } from "./recommendation-lists";

/** Recommendations for what is in the cart, at the cart's location; nothing at all while loading or on error. */
export function CartRecommendations({
  productIds,
  locationId,
}: {
  productIds: string[];
  locationId: string | null;
}) {
  const trpc = useTRPC();
  const ids = [...new Set(productIds)].slice(0, 20);
  const query = useQuery({
    ...trpc.recommendations.forProducts.queryOptions({ productIds: ids, locationId }),
    enabled: ids.length > 0,
    staleTime: 60_000,
  });
  if (!query.data) return null;
  return <RecommendationLists data={query.data} />;
}
