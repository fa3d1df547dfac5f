/**
 * The regulation behind each state's purchase limits, as shoppers are shown it beside the limit meter. The
 * per-rule citations and their doubts live in `limit-rules/<state>.ts`; this is the short form.
 */
export const LIMIT_CITATIONS: Readonly<Record<string, string>> = {
  CA: "4 CCR § 15409(a); Cal. Health & Safety Code § 11362.1(a)",
  CO: "C.R.S. § 44-10-601 and § 44-10-501; MED Rules 1 CCR 212-3",
  IL: "410 ILCS 705/10-10",
  MA: "935 CMR 500.140(5)",
  MI: "MCL 333.27955; MCL 333.26423",
  NV: "NRS 678D.200",
  NY: "N.Y. Cannabis Law § 222; 9 NYCRR Part 123",
  OR: "OAR 845-025-2890",
  WA: "RCW 69.50.360(3); WAC 314-55-095; RCW 69.51A.210",
};
