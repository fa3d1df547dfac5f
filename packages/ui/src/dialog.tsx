"use client";
import * as RadixDialog from "@radix-ui/react-dialog";
import type { ReactNode } from "react";
import { cn } from "./utils";

/** A modal on Radix Dialog: focus trapped, labelled by its title, closable only when `dismissible`. */
export function Modal({
  open,
  onOpenChange,
  title,
  description,
  dismissible = true,
  children,
}: {
  open: boolean;
  onOpenChange?: (open: boolean) => void;
  title: string;
  description?: string;
  dismissible?: boolean;
  children: ReactNode;
}) {
  const block = (event: Event) => {
    if (!dismissible) event.preventDefault();
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-stone-950/70 backdrop-blur-sm" />
        <RadixDialog.Content
          onEscapeKeyDown={block}
          onPointerDownOutside={block}
          onInteractOutside={block}
          className="fixed left-1/2 top-1/2 z-50 w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 rounded-2xl bg-white p-6 shadow-xl focus:outline-none"
        >
          <RadixDialog.Title className="text-xl font-bold text-stone-900">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mt-2 text-sm text-stone-700">
              {description}
            </RadixDialog.Description>
          ) : null}
          <div className="mt-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

/**
 * A panel that slides over the page from the left (a navigation drawer on small screens), on Radix Dialog:
 * focus moves into it and back to the trigger, Escape and a click outside close it, the rest of the page is
 * hidden from screen readers while it is open.
 */
export function Drawer({
  open,
  onOpenChange,
  title,
  trigger,
  children,
  className,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  trigger: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Trigger asChild>{trigger}</RadixDialog.Trigger>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-stone-950/50" />
        <RadixDialog.Content
          aria-describedby={undefined}
          className={cn(
            "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col overflow-y-auto bg-white shadow-xl focus:outline-none",
            className,
          )}
        >
          <div className="flex items-center justify-between gap-2 border-b border-stone-200 px-4 py-2">
            <RadixDialog.Title className="text-base font-semibold text-stone-900">{title}</RadixDialog.Title>
            <RadixDialog.Close
              aria-label="Close menu"
              className="inline-flex size-11 items-center justify-center rounded-lg text-2xl leading-none text-stone-700 hover:bg-stone-100"
            >
              <span aria-hidden="true">×</span>
            </RadixDialog.Close>
          </div>
          {children}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
