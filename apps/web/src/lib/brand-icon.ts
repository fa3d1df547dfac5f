/** A storefront's icon drawn from its branding: its initial on its brand colour, legible whatever the colour. */

const HEX = /^#([0-9a-f]{6})$/i;
const FALLBACK = "#1f7a4d";

/** The brand colour when it is a plain hex colour (the branding form's format), else the platform green. */
export const iconColour = (colour: string | null | undefined) =>
  colour && HEX.test(colour) ? colour : FALLBACK;

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever contrasts more with the background. */
export function iconInk(background: string) {
  const l = luminance(iconColour(background));
  return 1.05 / (l + 0.05) >= (l + 0.05) / (0.0706 + 0.05) ? "#ffffff" : "#111111";
}

/** The first letter or digit of the store's name, upper-cased ("Greenleaf Dispensary" -> "G"). */
export function iconInitial(name: string) {
  return (/[\p{L}\p{N}]/u.exec(name)?.[0] ?? "•").toUpperCase();
}

const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A square SVG icon (scales to any favicon size). */
export function brandIconSvg(name: string, colour: string | null | undefined) {
  const background = iconColour(colour);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="${escapeXml(name)}">`,
    `<rect width="64" height="64" rx="14" fill="${background}"/>`,
    `<text x="32" y="44" text-anchor="middle" font-family="system-ui,-apple-system,Segoe UI,Roboto,sans-serif" font-size="36" font-weight="700" fill="${iconInk(background)}">${escapeXml(iconInitial(name))}</text>`,
    `</svg>`,
  ].join("");
}
