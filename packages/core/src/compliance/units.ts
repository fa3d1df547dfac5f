/**
 * Integer unit conversions and shopper-facing formatting for compliance limits.
 * Weights are integer milligrams, volumes integer millilitres; nothing here accumulates floats.
 */

/** The international avoirdupois ounce is exactly 28.349523125 g; held in millionths of a mg to stay integral. */
const OUNCE_IN_MILLIONTHS_OF_MG = 28_349_523_125;
/** The US fluid ounce is exactly 29.5735295625 ml; held in ten-billionths of a ml. */
const FLUID_OUNCE_IN_TEN_BILLIONTHS_OF_ML = 295_735_295_625;

function assertSafeNonNegative(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${what} must be a non-negative whole number, got ${value}`);
  }
}

/** Floor of a / b for non-negative safe integers, without going through a fractional quotient. */
export function floorDiv(a: number, b: number): number {
  assertSafeNonNegative(a, "dividend");
  if (!Number.isSafeInteger(b) || b <= 0)
    throw new Error(`divisor must be a positive whole number, got ${b}`);
  return (a - (a % b)) / b;
}

export function ceilDiv(a: number, b: number): number {
  const floor = floorDiv(a, b);
  return a % b === 0 ? floor : floor + 1;
}

/**
 * Milligrams in numerator/denominator ounces, rounded DOWN to the whole mg so a limit written in ounces
 * never allows more than the law (1 oz -> 28,349 mg, 2.5 oz -> 70,873 mg, 1/4 oz -> 7,087 mg).
 */
export function ouncesToMg(numerator: number, denominator = 1): number {
  return floorDiv(numerator * OUNCE_IN_MILLIONTHS_OF_MG, denominator * 1_000_000);
}

/** Millilitres in whole US fluid ounces, rounded down (72 fl oz -> 2,129 ml). */
export function fluidOuncesToMl(fluidOunces: number): number {
  return floorDiv(fluidOunces * FLUID_OUNCE_IN_TEN_BILLIONTHS_OF_ML, 10_000_000_000);
}

export function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function withDecimals(scaled: number, decimals: number): string {
  const factor = 10 ** decimals;
  const whole = groupThousands(floorDiv(scaled, factor));
  return `${whole}.${String(scaled % factor).padStart(decimals, "0")}`;
}

/**
 * Grams with one decimal. Rounded UP so that an amount over a limit never prints as equal to it, and an
 * excess printed this way is always enough to remove (1 mg over reads "0.1 g").
 */
export function formatGramsUp(mg: number): string {
  return `${withDecimals(ceilDiv(mg, 100), 1)} g`;
}

/** Grams with one decimal, half-up; for limits the law states in grams (28,500 mg -> "28.5 g"). */
export function formatGrams(mg: number): string {
  return `${withDecimals(floorDiv(mg + 50, 100), 1)} g`;
}

/** Grams with two decimals, half-up; used beside ounces (28,349 mg -> "28.35 g"). */
export function formatGramsPrecise(mg: number): string {
  return `${withDecimals(floorDiv(mg + 5, 10), 2)} g`;
}

/** "2.5", "1/4" or "8": decimal when it has at most one decimal place, a fraction otherwise. */
function ounceCount(numerator: number, denominator: number): string {
  if (numerator % denominator === 0) return String(numerator / denominator);
  if ((numerator * 10) % denominator === 0) return withDecimals((numerator * 10) / denominator, 1);
  return `${numerator}/${denominator}`;
}

export function formatOunces(numerator: number, denominator = 1): string {
  return `${ounceCount(numerator, denominator)} oz (${formatGramsPrecise(ouncesToMg(numerator, denominator))})`;
}

export function formatFluidOunces(fluidOunces: number): string {
  return `${fluidOunces} fl oz (${formatMl(fluidOuncesToMl(fluidOunces))})`;
}

export function formatThcMg(mg: number): string {
  return `${groupThousands(mg)} mg THC`;
}

export function formatMl(ml: number): string {
  return `${groupThousands(ml)} ml`;
}
