"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "~/lib/trpc/client";

/** Saves or unsaves a product for a signed-in shopper; shows nothing to guests. */
export function WishlistHeart({ productId, productName }: { productId: string; productName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = useQuery(trpc.wishlist.ids.queryOptions(undefined, { retry: false }));
  const set = useMutation(
    trpc.wishlist.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.wishlist.ids.queryKey() }),
    }),
  );
  if (!ids.data) return null;
  const saved = ids.data.includes(productId);
  return (
    <button
      type="button"
      aria-pressed={saved}
      aria-label={saved ? `Remove ${productName} from saved products` : `Save ${productName}`}
      disabled={set.isPending}
      onClick={() => set.mutate({ productId, saved: !saved })}
      className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border border-stone-300 bg-white text-xl text-rose-600 hover:bg-rose-50 focus-visible:outline-2 focus-visible:outline-brand"
    >
      <span aria-hidden>{saved ? "♥" : "♡"}</span>
    </button>
  );
}
