export * from "./limits";
export * from "./tax";
export { STATE_LIMITS } from "./limits-table";
export type { LimitRule, LimitRuleSet, LimitTerm, LimitUnit, StateLimits } from "./limit-types";
export * from "./discount-tax-rules";
export * from "./limit-meter";
export { LIMIT_CITATIONS } from "./limit-citations";
