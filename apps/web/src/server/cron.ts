import "server-only";
import { timingSafeEqual, createHash } from "node:crypto";

/** Constant-time check of `Authorization: Bearer <CRON_SECRET>` (hashing first makes lengths equal). */
export function isAuthorizedCron(request: Request): boolean {
  const secret = process.env.CRON_SECRET;
  if (!secret) return false;
  const header = request.headers.get("authorization") ?? "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(header), digest(`Bearer ${secret}`));
}
