"use client";
import { useTransition } from "react";
import { useHydrated } from "@cannasaas/ui/form";
import { storefrontSignOutAction } from "~/server/actions/auth";

/**
 * Signs out here or everywhere, then loads the store's menu as a fresh page (see storefrontSignOutAction). The
 * buttons wait for hydration: before it, a click would do nothing.
 */
export function SignOutButtons() {
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const signOut = (everywhere: boolean) =>
    startTransition(async () => {
      await storefrontSignOutAction(everywhere);
      window.location.assign("/");
    });
  return (
    <>
      <button
        type="button"
        disabled={!hydrated || pending}
        onClick={() => signOut(true)}
        className="min-h-11 rounded-lg px-3 font-medium text-stone-700 hover:bg-stone-100 disabled:opacity-60"
      >
        Sign out everywhere
      </button>
      <button
        type="button"
        disabled={!hydrated || pending}
        onClick={() => signOut(false)}
        className="min-h-11 rounded-lg border border-stone-300 bg-white px-4 font-semibold disabled:opacity-60"
      >
        {pending ? "Signing out…" : "Sign out"}
      </button>
    </>
  );
}
