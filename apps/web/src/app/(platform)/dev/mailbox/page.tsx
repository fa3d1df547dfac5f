import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listMailbox, listPushMailbox, listTextMailbox } from "@cannasaas/core";
import { Card } from "@cannasaas/ui/card";
import { devMailboxEnabled, smsDevMailboxEnabled } from "~/env";
import { getDeps } from "~/server/deps";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

const linkify = (text: string) =>
  text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="break-all text-brand underline">
        {part}
      </a>
    ) : (
      part
    ),
  );

/** With no mail server configured, every email the product sends is readable here (never in production). */
export default async function DevMailbox({ searchParams }: { searchParams: Promise<{ to?: string }> }) {
  if (!devMailboxEnabled()) notFound();
  const { to } = await searchParams;
  const { db } = await getDeps();
  const messages = await listMailbox(db, { limit: 100, to: to?.toLowerCase() });
  // Texts land here too while Twilio is not configured; `?to=+1415...` filters them by number.
  const texts = smsDevMailboxEnabled()
    ? await listTextMailbox(db, { limit: 50, ...(to?.startsWith("+") ? { to } : {}) })
    : [];
  const pushes = to ? [] : await listPushMailbox(db, { limit: 20 });
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-8">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="text-sm text-stone-700">
        No mail server is configured (SMTP_URL), so emails stay here. Newest first{to ? `, to ${to}` : ""}.
      </p>
      {messages.length === 0 ? <p className="rounded-xl bg-white p-6 text-center">No emails yet.</p> : null}
      <ol className="flex flex-col gap-3">
        {messages.map((m) => (
          <Card
            as="li"
            key={m.id}

            data-testid="mail"
          >
            <p className="text-xs text-stone-500">
              {m.createdAt.toISOString()} · {m.topic} · {m.status}
            </p>
            <p className="mt-1 font-semibold">{m.payload.subject}</p>
            <p className="text-sm text-stone-600">To: {m.payload.to}</p>
            <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{linkify(m.payload.text)}</pre>
            {m.payload.attachments?.length ? (
              <ul className="mt-2 flex flex-wrap gap-2 text-sm" aria-label="Attachments">
                {m.payload.attachments.map((a) => (
                  <li key={a.filename}>
                    {/* Dev only: the file is in the outbox row, so it downloads from the page itself. */}
                    <a
                      download={a.filename}
                      href={`data:${a.contentType};base64,${a.contentBase64}`}
                      className="text-brand underline"
                    >
                      {a.filename}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        ))}
      </ol>
      {texts.length ? (
        <section aria-labelledby="texts" className="flex flex-col gap-3">
          <h2 id="texts" className="text-xl font-bold">
            Text messages
          </h2>
          <p className="text-sm text-stone-700">No Twilio account is configured, so texts stay here.</p>
          <ol className="flex flex-col gap-3">
            {texts.map((m) => (
              <Card as="li" key={m.id} data-testid="sms">
                <p className="text-xs text-stone-500">
                  {m.createdAt.toISOString()} · {m.topic} · {m.status}
                  {m.status === "pending" ? " (waits for quiet hours to end or for the next run)" : ""}
                </p>
                <p className="text-sm text-stone-600">
                  To: {m.payload.to}
                  {m.payload.from ? ` · From: ${m.payload.from}` : ""}
                </p>
                <pre className="mt-2 whitespace-pre-wrap font-sans text-sm">{m.payload.body}</pre>
                {m.lastError ? <p className="text-sm text-red-800">{m.lastError}</p> : null}
              </Card>
            ))}
          </ol>
        </section>
      ) : null}
      {pushes.length ? (
        <>
          <h2 className="mt-4 text-lg font-semibold">Web pushes</h2>
          <p className="text-sm text-stone-700">
            Without VAPID keys, pushes to shoppers&apos; browsers are recorded here instead of sent.
          </p>
          <ol className="flex flex-col gap-3">
            {pushes.map((p) => (
              <Card as="li" key={p.id} className="p-4" data-testid="push">
                <p className="text-xs text-stone-500">
                  {p.createdAt.toISOString()} · {p.topic} · {p.status}
                  {p.deliveredVia ? ` via ${p.deliveredVia}` : ""}
                </p>
                <p className="mt-1 font-semibold">{p.payload.message.title}</p>
                <p className="text-sm">{p.payload.message.body}</p>
                {p.payload.message.url ? (
                  <p className="text-xs text-stone-600">Opens {p.payload.message.url}</p>
                ) : null}
              </Card>
            ))}
          </ol>
        </>
      ) : null}
    </main>
  );
}
