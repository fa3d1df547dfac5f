export {
  DEMO_PASSWORD,
  DemoAlreadySeededError,
  isSeeded,
  seedDemo,
  type SeedOptions,
  type SeedSummary,
} from "./demo";
export {
  DEMO_ACCOUNTS,
  DEMO_ORGS,
  DEMO_REFERENCE_DATE,
  MULTI_ORG_USER,
  type DemoAccount,
  type StaffRole,
} from "./demo-data";
export { PRICE_RANGES, variantPrices } from "./pricing";
export { DEMO_PROMOTIONS } from "./promotions";
