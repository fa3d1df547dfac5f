/**
 * METRC runs one API per state: `https://api-{state}.metrc.com`, and a sandbox per state at
 * `https://sandbox-api-{state}.metrc.com`. `override` (env METRC_BASE_URL) points every call elsewhere, e.g. at
 * the mock server in tests or a local stand-in.
 */
export function metrcBaseUrl(state: string, options: { sandbox?: boolean; override?: string | null } = {}) {
  if (options.override) return options.override.replace(/\/+$/, "");
  const code = state.trim().toLowerCase();
  if (!/^[a-z]{2}$/.test(code)) throw new Error(`"${state}" is not a two-letter state code.`);
  return `https://${options.sandbox ? "sandbox-api" : "api"}-${code}.metrc.com`;
}
