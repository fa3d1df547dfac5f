import { iconColour } from "./brand-icon";

/** Launchers show about 12 characters under an icon: the name when it fits, else its first word, clipped. */
export function shortName(name: string) {
  const trimmed = name.trim();
  if (trimmed.length <= 12) return trimmed;
  return (trimmed.split(/\s+/)[0] ?? trimmed).slice(0, 12);
}

/** The storefront's web app manifest: installable, opening on the menu, in the store's colour. */
export function storefrontManifest(store: {
  name: string;
  tagline?: string | null;
  primaryColor: string | null | undefined;
}) {
  const theme = iconColour(store.primaryColor);
  return {
    name: store.name,
    short_name: shortName(store.name),
    description: store.tagline ?? `${store.name}'s menu, to order ahead for pickup or delivery.`,
    id: "/",
    start_url: "/",
    scope: "/",
    display: "standalone",
    theme_color: theme,
    background_color: "#ffffff",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
