/** US states (and DC) by two-letter code, for sign-up and business info. */
export const US_STATES: Record<string, string> = {
  AL: "Alabama",
  AK: "Alaska",
  AZ: "Arizona",
  AR: "Arkansas",
  CA: "California",
  CO: "Colorado",
  CT: "Connecticut",
  DE: "Delaware",
  DC: "District of Columbia",
  FL: "Florida",
  GA: "Georgia",
  HI: "Hawaii",
  ID: "Idaho",
  IL: "Illinois",
  IN: "Indiana",
  IA: "Iowa",
  KS: "Kansas",
  KY: "Kentucky",
  LA: "Louisiana",
  ME: "Maine",
  MD: "Maryland",
  MA: "Massachusetts",
  MI: "Michigan",
  MN: "Minnesota",
  MS: "Mississippi",
  MO: "Missouri",
  MT: "Montana",
  NE: "Nebraska",
  NV: "Nevada",
  NH: "New Hampshire",
  NJ: "New Jersey",
  NM: "New Mexico",
  NY: "New York",
  NC: "North Carolina",
  ND: "North Dakota",
  OH: "Ohio",
  OK: "Oklahoma",
  OR: "Oregon",
  PA: "Pennsylvania",
  RI: "Rhode Island",
  SC: "South Carolina",
  SD: "South Dakota",
  TN: "Tennessee",
  TX: "Texas",
  UT: "Utah",
  VT: "Vermont",
  VA: "Virginia",
  WA: "Washington",
  WV: "West Virginia",
  WI: "Wisconsin",
  WY: "Wyoming",
};

/** IANA zones covering the US, with the names owners know them by. */
export const US_TIME_ZONES: Record<string, string> = {
  "America/New_York": "Eastern",
  "America/Detroit": "Eastern (Michigan)",
  "America/Indiana/Indianapolis": "Eastern (Indiana)",
  "America/Chicago": "Central",
  "America/Denver": "Mountain",
  "America/Boise": "Mountain (Idaho)",
  "America/Phoenix": "Mountain, no daylight saving (Arizona)",
  "America/Los_Angeles": "Pacific",
  "America/Anchorage": "Alaska",
  "Pacific/Honolulu": "Hawaii",
};

const PACIFIC = ["CA", "WA", "OR", "NV"];
const MOUNTAIN = ["CO", "MT", "NM", "UT", "WY", "ID"];
const CENTRAL = [
  "AL",
  "AR",
  "IL",
  "IA",
  "KS",
  "LA",
  "MN",
  "MS",
  "MO",
  "NE",
  "ND",
  "OK",
  "SD",
  "TN",
  "TX",
  "WI",
];

/** A sensible first guess at a state's time zone; the owner confirms it in the wizard. */
export function defaultTimeZone(state: string): string {
  if (state === "MI") return "America/Detroit";
  if (state === "AZ") return "America/Phoenix";
  if (state === "AK") return "America/Anchorage";
  if (state === "HI") return "Pacific/Honolulu";
  if (PACIFIC.includes(state)) return "America/Los_Angeles";
  if (MOUNTAIN.includes(state)) return "America/Denver";
  if (CENTRAL.includes(state)) return "America/Chicago";
  return "America/New_York";
}
