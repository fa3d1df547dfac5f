import type { PurchaserType } from "@cannasaas/db/enums";

export type LimitProductKind =
  "flower" | "concentrate" | "edible_solid" | "edible_liquid" | "topical" | "non_cannabis";

/** One cart or prior-order line, already normalized from the catalog. All amounts are per unit. */
export type LimitLine = {
  kind: LimitProductKind;
  /** units */
  quantity: number;
  /** net cannabis weight for flower/pre-rolls/concentrate/vape; for an edible, the concentrate it contains if known */
  cannabisWeightMg: number | null;
  /** THC content for edibles/tinctures (and concentrates if known) */
  thcMg: number | null;
  /** product weight for solid edibles (WA/OR/MI limits are by product weight) */
  netWeightMg: number | null;
  /** volume for liquid edibles */
  netVolumeMl: number | null;
};

export type { PurchaserType };

/**
 * `state` is the selling location's state. `residency` matters only where a state distinguishes it (IL); when
 * omitted, the stricter non-resident limits apply. `age` (whole years on the sale's day) matters only where a
 * state limits young patients (CO); a state that needs it refuses to evaluate without it.
 */
export type LimitContext = {
  state: string;
  purchaser: PurchaserType;
  residency?: "resident" | "non_resident";
  age?: number;
};

export type LimitUnit = "mg" | "mg_thc" | "ml" | "mg_equivalent";

export type LimitViolation = {
  limitId: string;
  label: string;
  unit: LimitUnit;
  allowed: number;
  attempted: number;
  excess: number;
  message: string;
};

export type LimitResult = { ok: true } | { ok: false; violations: LimitViolation[] };

/**
 * How a line is measured against a limit:
 * - cannabis_mg: `cannabisWeightMg` (flower, pre-rolls, concentrate, vape)
 * - thc_mg: `thcMg`
 * - product_mg: `netWeightMg` (whole solid edible)
 * - volume_ml: `netVolumeMl`
 * - concentrate_in_product_mg: the concentrate contained in an edible; `cannabisWeightMg` when the catalog has
 *   it, otherwise `thcMg` counted one mg for one mg (see the CA rules for why and how sure we are).
 */
export type LimitMeasure =
  "cannabis_mg" | "thc_mg" | "product_mg" | "volume_ml" | "concentrate_in_product_mg";

/** Lines of `kinds` use up `measure / capacity` of the limit. */
export type LimitTerm = { kinds: readonly LimitProductKind[]; measure: LimitMeasure; capacity: number };

/**
 * A limit is respected when the sum over its terms of (amount / capacity) is at most 1. A plain limit has
 * one capacity equal to `allowed`; an equivalency limit (CO, MA, MI) has one capacity per product form and
 * is reported in mg of flower-equivalent, with `allowed` the flower capacity.
 */
export type LimitRule = {
  id: string;
  /** What the limit covers, in shopper words: "flower, pre-rolls and other non-concentrated cannabis". */
  label: string;
  unit: LimitUnit;
  allowed: number;
  allowedText: string;
  /** "day": the cart plus the customer's purchases earlier the same day; "transaction": the cart alone. */
  scope: "day" | "transaction";
  terms: readonly LimitTerm[];
};

/** `audience` is named in messages when the set differs from the general adult-use one ("medical patients"). */
export type LimitRuleSet = { audience?: string; rules: readonly LimitRule[] };

export type StateLimits = {
  name: string;
  adultUse: LimitRuleSet;
  medical: LimitRuleSet;
  nonResidentAdultUse?: LimitRuleSet;
  /** Patients younger than `underAge` get these rules instead of `medical` (CO: 18 to 20). */
  youngMedical?: { underAge: number; rules: LimitRuleSet };
};
