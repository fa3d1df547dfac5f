import { automationKindEnum } from "@cannasaas/db/schema";

export type AutomationKind = (typeof automationKindEnum.enumValues)[number];

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * What each automation does, and what a new store starts with. `wait` says what `waitMinutes` means for the
 * kind: a delay after the trigger, or (birthday) the store-local time of day the greeting goes out.
 */
export const AUTOMATION_KINDS: Record<
  AutomationKind,
  {
    label: string;
    trigger: string;
    wait: "delay" | "time_of_day";
    defaultWaitMinutes: number;
    subject: string;
    body: string;
  }
> = {
  abandoned_cart: {
    label: "Abandoned cart",
    trigger: "A signed-in shopper's cart has items and no order since its last change. Once per cart.",
    wait: "delay",
    defaultWaitMinutes: HOUR,
    subject: "{{first_name}}, your cart at {{store}} is waiting",
    body: "You left a few things in your cart, {{first_name}}. They are still there when you are ready.",
  },
  welcome: {
    label: "Welcome",
    trigger: "A shopper creates an account. Once per shopper.",
    wait: "delay",
    defaultWaitMinutes: HOUR,
    subject: "Welcome to {{store}}, {{first_name}}",
    body: "Thanks for joining {{store}}. Browse the menu and order ahead for pickup.",
  },
  win_back: {
    label: "Win-back",
    trigger: "No order for the wait below since the shopper's last order. Once per lapse.",
    wait: "delay",
    defaultWaitMinutes: 60 * DAY,
    subject: "We miss you at {{store}}, {{first_name}}",
    body: "It has been a while, {{first_name}}. You have {{points}} points waiting for you at {{store}}.",
  },
  birthday: {
    label: "Birthday",
    trigger: "On the shopper's birthday (the store's calendar), at the time below. Once a year.",
    wait: "time_of_day",
    defaultWaitMinutes: 10 * HOUR,
    subject: "Happy birthday from {{store}}, {{first_name}}",
    body: "Happy birthday, {{first_name}}! Everyone at {{store}} wishes you a great day.",
  },
  review_request: {
    label: "Review request",
    trigger: "An order was completed (picked up or delivered). Once per order.",
    wait: "delay",
    defaultWaitMinutes: 3 * DAY,
    subject: "How was your order from {{store}}?",
    body: "Thanks for your order, {{first_name}}. Tell other shoppers what you thought of your products.",
  },
  back_in_stock: {
    label: "Back in stock",
    trigger:
      "A product the shopper saved to their wishlist was sold out everywhere and is back. Once per restock; at most one a day.",
    wait: "delay",
    defaultWaitMinutes: 15,
    subject: "{{product}} is back at {{store}}",
    body: "Good news, {{first_name}}: {{product}}, on your wishlist, is back in stock at {{store}}. Order ahead for pickup before it sells out again.",
  },
  price_drop: {
    label: "Price drop",
    trigger:
      "The lowest price of a product the shopper saved to their wishlist went down. Once per drop; at most one a day.",
    wait: "delay",
    defaultWaitMinutes: 15,
    subject: "{{product}} just got cheaper at {{store}}",
    body: "{{first_name}}, the price of {{product}}, on your wishlist, just dropped at {{store}}.",
  },
  tier_up: {
    label: "Tier up",
    trigger: "A shopper moved up to a higher loyalty tier. Once per move.",
    wait: "delay",
    defaultWaitMinutes: 0,
    subject: "Welcome to {{tier}}, {{first_name}}",
    body: "Congratulations, {{first_name}}! Your orders at {{store}} moved you up to {{tier}}. You have {{points}} points to spend.",
  },
};

/** The kinds whose message is about one wishlisted product, so `{{product}}` may be used in them. */
export const PRODUCT_AUTOMATION_KINDS: readonly AutomationKind[] = ["back_in_stock", "price_drop"];

/** The kinds in the order the dashboard shows them. */
export const AUTOMATION_KIND_LIST = automationKindEnum.enumValues;

/**
 * A trigger is acted on only while its due time (trigger + wait) lies within this span before the run: turning
 * an automation on reaches recent shoppers, never everyone whose cart was left a year ago, and a job that
 * missed runs for a day still catches up.
 */
export const AUTOMATION_CATCH_UP_MS = 2 * 86_400_000;

/** Automated emails go out between these store-local minutes (8:00 to 21:00); due ones wait for the morning. */
export const AUTOMATION_WINDOW = { windowStartMinute: 8 * HOUR, windowEndMinute: 21 * HOUR };
