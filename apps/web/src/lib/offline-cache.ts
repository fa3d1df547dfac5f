/** Shared by the service worker (which writes them) and the offline notice (which reads them). */

/** Each saved page carries the time it was saved in this header. */
export const OFFLINE_SAVED_AT_HEADER = "x-offline-saved-at";
/** The cache key of the last menu page visited, the fallback for any page offline. */
export const LAST_MENU_KEY = "/__offline/last-menu";
