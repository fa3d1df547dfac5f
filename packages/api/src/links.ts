/**
 * Links to the app's pages that the domain puts into emails and results. Core knows no page paths: it takes a
 * link builder (or a finished URL) and the app's paths are written down here, once, for the api layer.
 */
export const PAGE_PATHS = {
  invitation: (token: string) => `/invite/${encodeURIComponent(token)}`,
  billing: "/dashboard/billing",
} as const;

/** The accept-invitation link builder for emails sent from `origin`. */
export const invitationLink = (origin: string) => (token: string) =>
  `${origin}${PAGE_PATHS.invitation(token)}`;

/** The dashboard's billing page at `origin`, for dunning emails. */
export const billingLink = (origin: string) => `${origin}${PAGE_PATHS.billing}`;

/** Where the web app serves marketing's open, click and unsubscribe links (see app/api/marketing). */
export const marketingTrackingBase = (platformOrigin: string) => `${platformOrigin}/api/marketing`;
