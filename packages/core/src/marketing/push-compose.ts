import type { PushMessage } from "@cannasaas/integrations/push";
import { pushMarketingText, pushTooLong } from "@cannasaas/validators";
import { DomainError } from "../errors";
import type { PushPayload } from "../push/queue";
import { trackingUrl } from "./links";
import { fillMergeFields, type MergeValues } from "./merge";
import { nextSmsSendTime, recipientTimeZone } from "./quiet-hours";
import type { MarketingStore } from "./compose";

type PushContent = { subject: string; body: string; couponCode: string | null };

/** What a marketing push outbox row holds: the push queue's payload and the zone quiet hours are read in. */
export type MarketingPushPayload = PushPayload & { timeZone: string };

/** The notification one shopper sees: the merged title, the merged text and the coupon line. */
export function composeMarketingPush(content: PushContent, values: MergeValues) {
  return {
    title: fillMergeFields(content.subject, values).trim(),
    body: pushMarketingText(fillMergeFields(content.body, values), content.couponCode),
  };
}

/**
 * Refuses, at save time, a title or text over the notification's limits with merge fields filled in at a
 * generous length; a recipient whose values still overflow is skipped as too_long rather than cut.
 */
export function checkPushLength(storeName: string, content: PushContent) {
  const wide: MergeValues = {
    first_name: "Maximiliana",
    points: "100000",
    tier: "Platinum Reserve",
    store: storeName,
  };
  const shown = composeMarketingPush(content, wide);
  const problems = pushTooLong(shown.title, shown.body);
  if (problems) {
    const message = [problems.subject, problems.body].filter(Boolean).join(" ");
    throw new DomainError("BAD_REQUEST", `${message} (merge fields counted at a generous length)`, {
      fields: problems,
    });
  }
}

/**
 * The outbox payload and send time of one marketing push. A tap opens the storefront through the signed click
 * link, so clicks and the orders after them count as for email; quiet hours are the same as for texts
 * (08:00 to 21:00 on the shopper's clock), so a push written at night waits for the morning.
 */
export function planPush(
  input: {
    store: Pick<MarketingStore, "locationTimeZone">;
    recipient: { customerId: string; timeZone: string | null };
    shown: { title: string; body: string };
    messageId: string;
    storefrontOrigin: string;
    tracking: { baseUrl: string; key: string };
    tag: string;
  },
  now: Date,
): { push: MarketingPushPayload; runAt: Date } {
  const timeZone = recipientTimeZone(input.recipient.timeZone, input.store.locationTimeZone);
  const message: PushMessage = {
    ...input.shown,
    tag: input.tag,
    url: trackingUrl(
      input.tracking.baseUrl,
      { kind: "click", messageId: input.messageId, url: `${input.storefrontOrigin}/` },
      input.tracking.key,
    ),
  };
  return {
    push: { customerId: input.recipient.customerId, message, timeZone },
    runAt: nextSmsSendTime(now, timeZone),
  };
}
