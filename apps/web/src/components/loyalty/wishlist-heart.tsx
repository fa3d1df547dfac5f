"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSignedIn } from "~/components/session/signed-in";
import { useTRPC } from "~/lib/trpc/client";

/**
 * A signed-in shopper's saved products (`ids` is null for guests, and until known) and the way to change
 * them. A menu page asks once for all of its cards, rather than once per heart; a guest's page does not ask.
 */
export function useWishlist() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signedIn = useSignedIn();
  const ids = useQuery(trpc.wishlist.ids.queryOptions(undefined, { retry: false, enabled: signedIn }));
  const set = useMutation(
    trpc.wishlist.set.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.wishlist.ids.queryKey() }),
    }),
  );
  return { ids: ids.data ?? null, set };
}

export type Wishlist = ReturnType<typeof useWishlist>;

type HeartProps = { productId: string; productName: string };

/** Saves or unsaves a product for a signed-in shopper; shows nothing to guests. */
export function WishlistHeart(props: HeartProps) {
  return <HeartButton {...props} wishlist={useWishlist()} />;
}

/** The heart itself, on a wishlist its page already asked for (a menu card's). */
export function HeartButton({ productId, productName, wishlist }: HeartProps & { wishlist: Wishlist }) {
  if (!wishlist.ids) return null;
  const saved = wishlist.ids.includes(productId);
  const pending = wishlist.set.isPending && wishlist.set.variables?.productId === productId;
  return (
    <button
      type="button"
      aria-pressed={saved}
      aria-label={saved ? `Remove ${productName} from saved products` : `Save ${productName}`}
      disabled={pending}
      onClick={() => wishlist.set.mutate({ productId, saved: !saved })}
      className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-full border border-stone-300 bg-white text-xl text-rose-600 hover:bg-rose-50 focus-visible:outline-2 focus-visible:outline-brand"
    >
      <span aria-hidden>{saved ? "♥" : "♡"}</span>
    </button>
  );
}
