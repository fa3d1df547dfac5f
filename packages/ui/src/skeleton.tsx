import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./utils";

/** A grey pulsing placeholder block; hidden from assistive technology (wrap a group in `LoadingState`). */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      aria-hidden="true"
      className={cn("animate-pulse rounded-lg bg-stone-200 motion-reduce:animate-none", className)}
      {...props}
    />
  );
}

/** A loading region: announces `label` politely to screen readers while its skeletons are shown. */
export function LoadingState({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className={cn("flex flex-col gap-4", className)}>
      {children}
      <span className="sr-only">{label}</span>
    </div>
  );
}
