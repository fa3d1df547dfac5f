import { clsx, type ClassValue } from "clsx";
import { twMerge } from "tailwind-merge";

/**
 * Joins class names and lets later Tailwind classes win over earlier ones of the same kind, so
 * `<Card className="p-5">` renders `p-5` instead of both `p-4` and `p-5`.
 */
export const cn = (...values: ClassValue[]) => twMerge(clsx(values));
