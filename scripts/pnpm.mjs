// Runs pnpm whether or not it is installed globally: falls back to `npx pnpm@<packageManager version>`.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const version = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).packageManager.split("@")[1];

function hasGlobalPnpm() {
  const probe = spawnSync("pnpm", ["--version"], { encoding: "utf8", shell: process.platform === "win32" });
  return probe.status === 0;
}

const base = hasGlobalPnpm() ? ["pnpm"] : ["npx", "--yes", `pnpm@${version}`];

/** Runs pnpm with inherited output; exits the process with pnpm's code on failure. */
export function pnpm(args, options = {}) {
  const [cmd, ...pre] = base;
  try {
    execFileSync(cmd, [...pre, ...args], { stdio: "inherit", ...options });
  } catch (error) {
    process.exit(typeof error.status === "number" ? error.status : 1);
  }
}

/** Starts a long-running pnpm command and forwards Ctrl-C to it. */
export function pnpmForeground(args, options = {}) {
  const [cmd, ...pre] = base;
  const child = spawn(cmd, [...pre, ...args], { stdio: "inherit", ...options });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code) => process.exit(code ?? 0));
}
