/**
 * Nelder-Mead minimisation over the unit box [0, 1]^k. Smoothing parameters all live in (0, 1), so points are
 * clamped into the box rather than transformed; the simplex shrinks onto the best corner when the optimum sits on
 * a bound. Deterministic: the same start gives the same answer.
 */
export function minimizeInUnitBox(
  objective: (params: readonly number[]) => number,
  start: readonly number[],
  options: { maxEvaluations?: number; tolerance?: number; lower?: number; upper?: number } = {},
): { params: number[]; value: number } {
  const maxEvaluations = options.maxEvaluations ?? 400;
  const tolerance = options.tolerance ?? 1e-9;
  const lower = options.lower ?? 1e-4;
  const upper = options.upper ?? 1 - 1e-4;
  const clamp = (p: number[]) => p.map((v) => Math.min(upper, Math.max(lower, v)));
  let evaluations = 0;
  const evaluate = (p: number[]) => {
    evaluations++;
    const value = objective(p);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };

  const k = start.length;
  const simplex: { p: number[]; v: number }[] = [];
  const first = clamp([...start]);
  simplex.push({ p: first, v: evaluate(first) });
  for (let i = 0; i < k; i++) {
    const p = [...first];
    p[i] = p[i]! + (p[i]! < 0.5 ? 0.15 : -0.15);
    const clamped = clamp(p);
    simplex.push({ p: clamped, v: evaluate(clamped) });
  }

  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0]!;
    const worst = simplex[k]!;
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;

    const centroid = new Array<number>(k).fill(0);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) centroid[j]! += simplex[i]!.p[j]! / k;
    const along = (t: number) => clamp(centroid.map((c, j) => c + t * (worst.p[j]! - c)));

    const reflected = along(-1);
    const rv = evaluate(reflected);
    if (rv < best.v) {
      const expanded = along(-2);
      const ev = evaluate(expanded);
      simplex[k] = ev < rv ? { p: expanded, v: ev } : { p: reflected, v: rv };
      continue;
    }
    if (rv < simplex[k - 1]!.v) {
      simplex[k] = { p: reflected, v: rv };
      continue;
    }
    const contracted = rv < worst.v ? along(-0.5) : along(0.5);
    const cv = evaluate(contracted);
    if (cv < Math.min(rv, worst.v)) {
      simplex[k] = { p: contracted, v: cv };
      continue;
    }
    for (let i = 1; i <= k; i++) {
      const p = clamp(simplex[i]!.p.map((v, j) => best.p[j]! + 0.5 * (v - best.p[j]!)));
      simplex[i] = { p, v: evaluate(p) };
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { params: simplex[0]!.p, value: simplex[0]!.v };
}
