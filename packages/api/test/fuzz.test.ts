/**
 * The short fuzz run CI can afford: 500 generated inputs (from each procedure's own zod schemas, well-formed
 * and hostile: NUL, lone surrogates, 100k-character strings, wrong types, out-of-range numbers, unknown keys)
 * across every tRPC procedure, called as the caller each tier expects. No call may fail with an internal
 * error, and every refusal must carry a message. `pnpm --filter @cannasaas/bench fuzz` runs 10,000 over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createRandom, fuzzProcedures, generateInput, type FuzzProcedure } from "../src/fuzz";
import { A, api, HOST, setupWorld, shopperOf, staff, teardownWorld, type As } from "./matrix/world";

const INPUTS = Number(process.env.FUZZ_INPUTS ?? 500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);

beforeAll(setupWorld);
afterAll(teardownWorld);

/** Ends the caller's own sessions: it would only sign the fuzzing users out, not exercise anything new. */
const SKIPPED = new Set(["account.signOutEverywhere"]);

/** Who calls a procedure: staff (a random role of A) for dashboard procedures, else shopper or anonymous. */
function callerFor(procedure: FuzzProcedure, random: ReturnType<typeof createRandom>): [string, As] {
  if (procedure.permission) {
    const role = random.pick(["owner", "manager", "budtender", "viewer"] as const);
    return [HOST.platform, { user: staff(A, role), org: A.org.id }];
  }
  return random.pick<[string, As]>([
    [HOST.a, { user: shopperOf(A) }],
    [HOST.a, {}],
    [HOST.platform, {}],
    [HOST.platform, { user: staff(A, "owner"), org: A.org.id }],
  ]);
}

describe("fuzzing every procedure from its schema", () => {
  it(
    `answers ${INPUTS} generated inputs without an internal error, every refusal with a message`,
    { timeout: 300_000 },
    async () => {
      const random = createRandom(SEED);
      const procedures = fuzzProcedures().filter((p) => !SKIPPED.has(p.path));
      expect(procedures.length).toBeGreaterThan(100);
      const failures: string[] = [];
      const outcomes = { ok: 0, refused: 0 };
      for (let i = 0; i < INPUTS; i++) {
        const procedure = procedures[i % procedures.length]!;
        const input = generateInput(procedure.input, random);
        const [host, as] = callerFor(procedure, random);
        const caller = (await api(host, as)) as unknown as Record<string, unknown>;
        const fn = procedure.path
          .split(".")
          .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
          input: unknown,
        ) => Promise<unknown>;
        try {
          await fn(input);
          outcomes.ok++;
        } catch (error) {
          const shown = `${procedure.path} as ${as.user?.email ?? "anonymous"}@${host} with ${JSON.stringify(input)?.slice(0, 300)}`;
          if (!(error instanceof TRPCError)) failures.push(`${shown}: threw ${String(error)}`);
          else if (error.code === "INTERNAL_SERVER_ERROR")
            failures.push(`${shown}: ${error.message} ${String(error.cause)}`);
          else if (!error.message.trim()) failures.push(`${shown}: ${error.code} without a message`);
          else outcomes.refused++;
        }
      }
      console.log(
        `fuzz (seed ${SEED}): ${INPUTS} inputs over ${procedures.length} procedures: ${outcomes.ok} answered, ${outcomes.refused} refused with a message, ${failures.length} failures`,
      );
      expect(failures).toEqual([]);
    },
  );
});
