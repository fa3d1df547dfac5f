import type { HTMLAttributes } from "react";
import { cn } from "./utils";

type CardElement = "div" | "section" | "article" | "aside" | "li" | "ul" | "dl";

/**
 * The white bordered panel every dashboard page uses. `as="section"` (with `aria-labelledby`) makes it a
 * landmark region; `className` overrides merge, so `className="p-5"` replaces the default padding.
 */
export function Card({
  as: Element = "div",
  className,
  ...props
}: HTMLAttributes<HTMLElement> & { as?: CardElement }) {
  return (
    <Element
      className={cn("rounded-xl border border-stone-200 bg-white p-4 shadow-sm", className)}
      {...props}
    />
  );
}

/** A card's heading; pass `id` and point the card's `aria-labelledby` at it to name the region. */
export function CardTitle({
  as: Heading = "h2",
  className,
  ...props
}: HTMLAttributes<HTMLHeadingElement> & { as?: "h2" | "h3" | "h4" }) {
  return <Heading className={cn("text-lg font-semibold text-stone-900", className)} {...props} />;
}

export function Notice({
  tone = "info",
  className,
  ...props
}: HTMLAttributes<HTMLDivElement> & { tone?: "info" | "success" | "error" }) {
  const tones = {
    info: "border-sky-200 bg-sky-50 text-sky-900",
    success: "border-emerald-200 bg-emerald-50 text-emerald-900",
    error: "border-red-200 bg-red-50 text-red-900",
  };
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("rounded-lg border px-4 py-3 text-sm", tones[tone], className)}
      {...props}
    />
  );
}

/** The message shown instead of a list or table that has nothing in it. */
export function EmptyState({ className, ...props }: HTMLAttributes<HTMLParagraphElement>) {
  return (
    <p
      className={cn(
        "rounded-xl border border-dashed border-stone-300 bg-white p-5 text-stone-700",
        className,
      )}
      {...props}
    />
  );
}
