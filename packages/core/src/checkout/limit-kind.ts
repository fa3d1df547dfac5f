import type { LimitKind } from "@cannasaas/db/enums";
import { DomainError } from "../errors";

/**
 * How purchase limits count a cart line: its category's kind. A category without one (created before kinds
 * were chosen, under a name we could not place) is refused with a message the shopper can act on, instead of
 * guessing: a guess would either block sales or let cannabis escape the limits.
 */
export function lineLimitKind(line: {
  limitKind: LimitKind | null;
  productName?: string;
  category: string;
}): LimitKind {
  if (line.limitKind) return line.limitKind;
  const what = line.productName
    ? `${line.productName} cannot be ordered online yet`
    : "A product cannot be ordered online yet";
  throw new DomainError(
    "PRECONDITION_FAILED",
    `${what}: the store has not said how state purchase limits count its category "${line.category}". Remove it to continue, or ask the store.`,
    { category: line.category },
  );
}
