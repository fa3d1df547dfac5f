import { transportSettings } from "~/env";

/** The guest cart's token: a host-only, httpOnly cookie every storefront visitor gets on first contact. */
export const CART_COOKIE = "cs_cart";

const THIRTY_DAYS_S = 60 * 60 * 24 * 30;

export function newCartToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** How the cart cookie is set (the proxy through Next's cookie API). */
export function cartCookieOptions() {
  return {
    httpOnly: true,
    secure: transportSettings().https,
    sameSite: "lax" as const,
    path: "/",
    maxAge: THIRTY_DAYS_S,
  };
}

/** The same cookie as a `Set-Cookie` value, for responses written without Next. */
export function cartSetCookie(token: string, now = Date.now()): string {
  const { path, maxAge, secure, httpOnly, sameSite } = cartCookieOptions();
  const expires = new Date(now + maxAge * 1000).toUTCString();
  return [
    `${CART_COOKIE}=${token}`,
    `Path=${path}`,
    `Expires=${expires}`,
    `Max-Age=${maxAge}`,
    ...(secure ? ["Secure"] : []),
    ...(httpOnly ? ["HttpOnly"] : []),
    `SameSite=${sameSite}`,
  ].join("; ");
}
