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
 * A switch for order updates by browser notification. Shown only where the browser can receive pushes; the
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

  async function toggle() {
    if (!status.data) return;
    setBusy(true);
    setProblem(null);
    try {
      await (on ? turnOff() : turnOn(status.data.publicKey));
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

  return (
    <Card className="flex flex-col gap-3 p-5">
      <h2 className="text-lg font-semibold">Order notifications</h2>
      <div className="flex items-center justify-between gap-4">
        <p id="push-label" className="text-sm text-stone-700">
          Notify me on this device when my {storeName} order is ready for pickup, on its way, or delivered.
        </p>
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby="push-label"
          disabled={busy || !status.data}
          onClick={() => void toggle()}
          className={`relative inline-flex h-7 w-12 shrink-0 items-center rounded-full transition-colors disabled:opacity-60 ${on ? "bg-brand" : "bg-stone-300"}`}
        >
          <span
            aria-hidden
            className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${on ? "translate-x-6" : "translate-x-1"}`}
          />
        </button>
      </div>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
    </Card>
  );
}
