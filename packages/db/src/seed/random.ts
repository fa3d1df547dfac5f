/**
 * Deterministic pseudo-randomness for the demo seed. Nothing here reads the clock or Math.random:
 * every stream is derived from a string key, so one product's price or stock level does not
 * depend on the order in which other rows were generated.
 */

/** FNV-1a, 32-bit: a small, stable string hash. */
export function hashString(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: returns a generator of floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fixed seed every demo stream is mixed with; change it to get a different (still stable) demo. */
export const DEMO_SEED = 20260101;

/** A generator keyed by a string, e.g. `rngFor("price:kushy:123")`. */
export function rngFor(key: string): () => number {
  return mulberry32(hashString(`${DEMO_SEED}:${key}`));
}

/** An integer in [min, max] (inclusive) drawn from `rng`. */
export function intBetween(rng: () => number, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}
