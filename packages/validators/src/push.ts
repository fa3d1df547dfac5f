/** A marketing push notification's title and text: browsers cut longer ones, differently on every system. */
export const PUSH_TITLE_MAX_CHARS = 60;
export const PUSH_BODY_MAX_CHARS = 200;

/** The notification as shown: the title, then the text with the coupon code (if any) on its own line. */
export const pushMarketingText = (body: string, couponCode: string | null | undefined) =>
  couponCode ? `${body.trim()}\nCode: ${couponCode}` : body.trim();

/** Why a title or text may not go as a push notification, by field, or null when both fit. */
export function pushTooLong(title: string, body: string): { subject?: string; body?: string } | null {
  const problems: { subject?: string; body?: string } = {};
  if (title.length > PUSH_TITLE_MAX_CHARS) {
    problems.subject = `The title is ${title.length} characters; the limit is ${PUSH_TITLE_MAX_CHARS}.`;
  }
  if (body.length > PUSH_BODY_MAX_CHARS) {
    problems.body = `The notification text is ${body.length} characters with the coupon code; the limit is ${PUSH_BODY_MAX_CHARS}.`;
  }
  return problems.subject || problems.body ? problems : null;
}
