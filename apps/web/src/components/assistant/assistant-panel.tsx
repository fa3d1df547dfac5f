"use client";
import { lazy, Suspense, useRef, useState } from "react";

// The dialog (Radix, the conversation, the answer formatting) is fetched when the shopper first reaches for
// the button, not with every storefront page: most visits never open it, and a phone pays for every script
// it has to run before the menu answers a tap.
const loadDialog = () => import("./assistant-dialog");
// A failed load (offline, say) says so beside the button instead of taking the page down with it; a reload,
// once back online, loads it again.
const AssistantDialog = lazy(() =>
  loadDialog().catch(() => ({
    default: function AssistantUnavailable() {
      return (
        <p
          role="status"
          className="fixed bottom-20 right-4 z-30 max-w-xs rounded-lg bg-white p-3 text-sm text-stone-800 shadow-lg max-sm:group-has-[[data-phone-bar]]/store:bottom-36"
        >
          The assistant could not load. Check your connection, then reload the page.
        </p>
      );
    },
  })),
);

/**
 * The storefront's shopping assistant: a button that opens an accessible dialog with the conversation. The
 * dialog's code starts loading when the pointer or focus reaches the button, so it is usually there by the
 * click; until it is, the button says it is opening.
 */
export function AssistantPanel({ storeName }: { storeName: string }) {
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const warm = () => void loadDialog().catch(() => {});

  return (
    <>
      <button
        ref={opener}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={warm}
        onFocus={warm}
        onClick={() => {
          setWanted(true);
          setOpen(true);
        }}
        className="fixed bottom-4 right-4 z-30 min-h-11 max-sm:group-has-[[data-phone-bar]]/store:bottom-20 rounded-full bg-brand px-5 py-3 text-sm font-semibold text-white shadow-lg hover:brightness-95 focus:outline-none focus-visible:ring-4 focus-visible:ring-brand/40"
      >
        Ask about the menu
      </button>
      {wanted ? (
        <Suspense
          fallback={
            <p role="status" className="sr-only">
              Opening the assistant…
            </p>
          }
        >
          <AssistantDialog storeName={storeName} open={open} onOpenChange={setOpen} opener={opener} />
        </Suspense>
      ) : null}
    </>
  );
}
