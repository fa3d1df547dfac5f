"use client";
import * as RadixToast from "@radix-ui/react-toast";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { cn } from "./utils";

export type ToastTone = "info" | "success" | "error";
export interface ToastInput {
  title: string;
  description?: string;
  tone?: ToastTone;
  /** Milliseconds before it closes; errors stay until dismissed unless set. */
  duration?: number;
}
interface ToastItem extends ToastInput {
  id: number;
}

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const tones: Record<ToastTone, string> = {
  info: "border-stone-200 bg-white text-stone-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-950",
  error: "border-red-200 bg-red-50 text-red-950",
};

let nextId = 1;

/**
 * Short confirmations ("Saved", "Key revoked") on Radix Toast: announced by screen readers (errors
 * assertively), paused on hover and focus, dismissible by swipe, Escape or the close button, and reachable
 * with F8. Wrap the app once; call `useToast()` where something happens.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastItem[]>([]);
  const show = useCallback((toast: ToastInput) => {
    setToasts((current) => [...current.slice(-2), { ...toast, id: nextId++ }]);
  }, []);
  const remove = (id: number) => setToasts((current) => current.filter((t) => t.id !== id));
  const value = useMemo(() => show, [show]);

  return (
    <ToastContext.Provider value={value}>
      <RadixToast.Provider swipeDirection="right" label="Notification">
        {children}
        {toasts.map((t) => (
          <RadixToast.Root
            key={t.id}
            type={t.tone === "error" ? "foreground" : "background"}
            duration={t.duration ?? (t.tone === "error" ? Number.POSITIVE_INFINITY : 5000)}
            onOpenChange={(open) => (open ? undefined : remove(t.id))}
            className={cn(
              "grid grid-cols-[1fr_auto] items-start gap-x-3 rounded-xl border p-4 shadow-lg",
              "data-[swipe=move]:translate-x-[var(--radix-toast-swipe-move-x)]",
              tones[t.tone ?? "info"],
            )}
          >
            <RadixToast.Title className="text-sm font-semibold">{t.title}</RadixToast.Title>
            <RadixToast.Close
              aria-label="Dismiss"
              className="row-span-2 -m-2 inline-flex size-11 items-center justify-center rounded-lg text-lg leading-none hover:bg-black/5"
            >
              <span aria-hidden="true">×</span>
            </RadixToast.Close>
            {t.description ? (
              <RadixToast.Description className="mt-1 text-sm">{t.description}</RadixToast.Description>
            ) : null}
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-0 bottom-0 z-[60] m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** Shows a toast; must be called inside `ToastProvider`. */
export function useToast(): (toast: ToastInput) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs a <ToastProvider> above it");
  return show;
}
