import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOBS, PLANNED_JOBS } from "@cannasaas/core";

const vercel = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../vercel.json"), "utf8"),
) as {
  crons: Array<{ path: string; schedule: string }>;
};

describe("vercel.json crons", () => {
  it("declares only /api/cron/<job> paths of registered (or announced) jobs", () => {
    for (const cron of vercel.crons) {
      const match = /^\/api\/cron\/([a-z0-9-]+)$/.exec(cron.path);
      expect(match, cron.path).not.toBeNull();
      expect(JOBS.has(match![1]!) || PLANNED_JOBS.includes(match![1]!), cron.path).toBe(true);
    }
  });

  it("schedules every registered job", () => {
    const scheduled = vercel.crons.map((c) => c.path.split("/").at(-1));
    for (const name of JOBS.keys()) expect(scheduled).toContain(name);
  });
});
