export const ONBOARDING_STEPS = [
  "business",
  "branding",
  "locations",
  "payments",
  "products",
  "staff",
  "compliance",
  "review",
] as const;
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number];

export const STEP_LABELS: Record<OnboardingStep, string> = {
  business: "Business info",
  branding: "Branding",
  locations: "Locations",
  payments: "Payments",
  products: "First products",
  staff: "Staff invites",
  compliance: "Compliance",
  review: "Review and launch",
};

/** Steps that must be done before launch; branding has defaults and staff invites can be skipped. */
export const REQUIRED_FOR_LAUNCH: readonly OnboardingStep[] = [
  "business",
  "locations",
  "payments",
  "products",
  "compliance",
];

export const nextStep = (step: OnboardingStep): OnboardingStep =>
  ONBOARDING_STEPS[Math.min(ONBOARDING_STEPS.indexOf(step) + 1, ONBOARDING_STEPS.length - 1)]!;
