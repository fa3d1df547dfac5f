/**
 * States whose track-and-trace system is METRC (as of 2025). Washington (CCRS), Illinois and New York
 * (BioTrack) run other systems, so their locations never get a METRC address and nothing is reported to METRC.
 */
export const METRC_STATES: ReadonlySet<string> = new Set([
  "AK",
  "AL",
  "CA",
  "CO",
  "DC",
  "LA",
  "MA",
  "MD",
  "ME",
  "MI",
  "MO",
  "MS",
  "MT",
  "NV",
  "OH",
  "OK",
  "OR",
  "SD",
  "WV",
]);

export const stateUsesMetrc = (state: string) => METRC_STATES.has(state.trim().toUpperCase());

/**
 * METRC runs one API per state: `https://api-{state}.metrc.com`, and a sandbox per state at
 * `https://sandbox-api-{state}.metrc.com`. `override` (env METRC_BASE_URL) points every call elsewhere, e.g. at
 * the mock server in tests or a local stand-in, but only for a state that uses METRC at all.
 */
export function metrcBaseUrl(state: string, options: { sandbox?: boolean; override?: string | null } = {}) {
  const code = state.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(code)) throw new Error(`"${state}" is not a two-letter state code.`);
  if (!stateUsesMetrc(code)) throw new Error(`${code.toUpperCase()} does not use METRC for track and trace.`);
  if (options.override) return options.override.replace(/\/+$/, "");
  return `https://${options.sandbox ? "sandbox-api" : "api"}-${code}.metrc.com`;
}
