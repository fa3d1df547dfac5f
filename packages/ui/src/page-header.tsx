import type { ReactNode } from "react";
import { cn } from "./utils";

/**
 * A page's title (its one `h1`), an optional line or two saying what the page is for, and its actions (links
 * or buttons) beside the title, wrapping under it on a phone.
 */
export function PageHeader({
  title,
  description,
  actions,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{title}</h1>
        {actions}
      </div>
      {description ? <p className="text-stone-700">{description}</p> : null}
    </div>
  );
}
