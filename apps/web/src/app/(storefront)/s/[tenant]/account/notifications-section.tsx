"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { Card, Notice } from "@cannasaas/ui/card";
import { describeError } from "~/components/auth/errors";
import { useTRPC } from "~/lib/trpc/client";

const pushSupported = () =>
  "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
const unchanging = () => () => undefined;

/** The worker's registration, once it is active; null when none registers (unsupported or blocked). */
async function activeRegistration(): Promise<ServiceWorkerRegistration | null> {
  const registration = (await navigator.serviceWorker.getRegistration("/")) ?? null;
  return registration ? navigator.serviceWorker.ready : null;
}

/** The browser's subscription in the JSON shape the server takes. */
function asInput(subscription: PushSubscription) {
  const json = subscription.toJSON();
  return {
    endpoint: subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? "", auth: json.keys?.auth ?? "" },
  };
}

/**
 * A switch for order updates by browser notification, and, once this browser is subscribed, a separate one
 * for deals and news (marketing needs its own consent). Shown only where the browser can receive pushes; the
 * permission prompt comes from the click on the switch, never on page load.
 */
export function NotificationsSection({ storeName }: { storeName: string }) {
  const trpc = useTRPC();
  // False on the server and in browsers without push, so the section renders nothing there.
  const supported = useSyncExternalStore(unchanging, pushSupported, () => false);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!supported) return;
    void activeRegistration()
      .then((registration) => registration?.pushManager.getSubscription())
      .then(
        (subscription) => setEndpoint(subscription?.endpoint ?? null),
        () => setEndpoint(null),
      )
      .finally(() => setChecked(true));
  }, [supported]);

  const status = useQuery({
    ...trpc.shopperAccount.push.status.queryOptions({ endpoint }),
    enabled: supported && checked,
  });
  const subscribe = useMutation(trpc.shopperAccount.push.subscribe.mutationOptions());
  const unsubscribe = useMutation(trpc.shopperAccount.push.unsubscribe.mutationOptions());
  const marketing = useMutation(trpc.shopperAccount.push.setMarketingConsent.mutationOptions());
  if (!supported) return null;
  const on = Boolean(endpoint && status.data?.subscribed);

  async function turnOn(publicKey: string) {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      setProblem("Notifications are blocked for this site. Allow them in your browser's site settings.");
      return;
    }
    const registration = await activeRegistration();
    if (!registration) {
      setProblem("This browser did not start the storefront's background worker, so it cannot notify you.");
      return;
    }
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey }));
    await subscribe.mutateAsync(asInput(subscription));
    setEndpoint(subscription.endpoint);
  }

  async function turnOff() {
    const registration = await activeRegistration();
    const subscription = await registration?.pushManager.getSubscription();
    if (endpoint) await unsubscribe.mutateAsync({ endpoint });
    await subscription?.unsubscribe();
    setEndpoint(null);
  }

  async function run(change: () => Promise<unknown>) {
    if (!status.data) return;
    setBusy(true);
    setProblem(null);
    try {
      await change();
      await status.refetch();
    } catch (error) {
      setProblem(
        error instanceof TRPCClientError
          ? describeError(error).message
          : "This browser could not change its notification settings. Try again later.",
      );
    } finally {
      setBusy(false);
    }
  }
  const toggle = () => run(() => (on ? turnOff() : turnOn(status.data!.publicKey)));
  const deals = Boolean(status.data?.marketingConsent);
  const toggleDeals = () => run(() => marketing.mutateAsync({ consent: !deals }));

  return (
    <Card className="flex flex-col gap-3 p-5">
      <h2 className="text-lg font-semibold">Notifications</h2>
      <Switch
        id="push-label"
        checked={on}
        disabled={busy || !status.data}
        onClick={() => void toggle()}
        label={`Notify me on this device when my ${storeName} order is ready for pickup, on its way, or delivered.`}
      />
      {on ? (
        <Switch
          id="push-deals-label"
          checked={deals}
          disabled={busy || !status.data}
          onClick={() => void toggleDeals()}
          label={
            <>
              <span className="block font-medium text-stone-900">Deals and news from {storeName}</span>
              Occasional offers by notification, never before 08:00 or after 21:00. Turn it off here at any
              time.
            </>
          }
        />
      ) : null}
      {problem ? <Notice tone="error">{problem}</Notice> : null}
    </Card>
  );
}

function Switch({
  id,
  checked,
  disabled,
  onClick,
  label,
}: {
  id: string;
  checked: boolean;
  disabled: boolean;
  onClick: () => void;
  label: React.ReactNode;
}) {
  return (
    <div className="flex items-center justify-between gap-4">
      <p id={id} className="text-sm text-stone-700">
        {label}
      </p>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={id}
        disabled={disabled}
        onClick={onClick}
        className={`relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition-colors disabled:opacity-60 ${checked ? "bg-brand" : "bg-stone-300"}`}
      >
        <span
          aria-hidden
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${checked ? "translate-x-6" : "translate-x-1"}`}
        />
      </button>
    </div>
  );
}
