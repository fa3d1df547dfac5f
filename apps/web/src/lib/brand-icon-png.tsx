import { ImageResponse } from "next/og";
import { iconColour, iconInitial, iconInk } from "./brand-icon";

/**
 * The storefront icon as a square PNG (home-screen and install icons): the favicon's design, full-bleed so a
 * launcher may mask it to any shape, drawn by next/og.
 */
export function brandIconPng(store: { name: string; primaryColor: string | null | undefined }, size: number) {
  const background = iconColour(store.primaryColor);
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background,
        color: iconInk(background),
        fontSize: Math.round(size * 0.6),
        fontWeight: 700,
      }}
    >
      {iconInitial(store.name)}
    </div>,
    { width: size, height: size, headers: { "cache-control": "public, max-age=300" } },
  );
}
