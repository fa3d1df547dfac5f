/** The shopper's chosen pickup location (a location id), host-only like every storefront cookie. */
export const LOCATION_COOKIE = "cs_loc";
