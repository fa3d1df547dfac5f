/** Deterministic pseudo-random numbers (mulberry32) and synthetic demand series with known structure. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by Box-Muller. */
export function normalNoise(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A season-shaped series: level * profile[i % period] + trend * i + noise * sd. */
export function seasonalSeries(options: {
  length: number;
  level: number;
  profile: readonly number[];
  trend?: number;
  sd: number;
  seed: number;
}): number[] {
  const noise = normalNoise(seededRandom(options.seed));
  return Array.from(
    { length: options.length },
    (_, i) =>
      options.level * options.profile[i % options.profile.length]! +
      (options.trend ?? 0) * i +
      options.sd * noise(),
  );
}
