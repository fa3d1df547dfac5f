import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the stand-in received, with its form body (or query) decoded into nested objects. */
export type StripeStandInRequest = {
  method: string;
  path: string;
  params: Record<string, unknown>;
  idempotencyKey: string | null;
};

type StripeObject = Record<string, unknown> & { id: string };

export type StripeStandIn = {
  /** Base URL to hand to the adapter as STRIPE_API_BASE. */
  url: string;
  requests: StripeStandInRequest[];
  customers: Map<string, StripeObject>;
  subscriptions: Map<string, StripeObject>;
  invoices: StripeObject[];
  /** What a completed checkout would create at Stripe: a subscription for the customer on the price. */
  createSubscription(input: {
    customer: string;
    price: string;
    status?: string;
    trialEnd?: number | null;
    metadata?: Record<string, string>;
  }): StripeObject;
  addInvoice(input: {
    customer: string;
    subscription?: string;
    amountDue: number;
    status?: string;
  }): StripeObject;
  close(): Promise<void>;
};

const now = () => Math.floor(Date.now() / 1000);
const newId = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

/**
 * A local HTTP stand-in for the part of the Stripe API that billing uses: customers, checkout sessions,
 * subscriptions (retrieve, update with proration), billing portal sessions and invoices. It checks the secret
 * key, honours Idempotency-Key on writes like Stripe does, and records every request for assertions.
 */
export async function startStripeStandIn(opts: { secretKey: string }): Promise<StripeStandIn> {
  const requests: StripeStandInRequest[] = [];
  const customers = new Map<string, StripeObject>();
  const subscriptions = new Map<string, StripeObject>();
  const invoices: StripeObject[] = [];
  const idempotent = new Map<string, { status: number; body: unknown }>();
  let base = "";

  const subscriptionObject = (input: Parameters<StripeStandIn["createSubscription"]>[0]): StripeObject => {
    const start = now();
    return {
      id: newId("sub"),
      object: "subscription",
      customer: input.customer,
      status: input.status ?? "active",
      trial_end: input.trialEnd ?? null,
      cancel_at_period_end: false,
      metadata: input.metadata ?? {},
      items: {
        object: "list",
        data: [
          {
            id: newId("si"),
            object: "subscription_item",
            price: { id: input.price, object: "price" },
            current_period_start: start,
            current_period_end: start + 30 * 86_400,
          },
        ],
      },
    };
  };

  type Handler = (params: Record<string, unknown>, match: RegExpMatchArray) => [number, unknown];
  const notFound = (what: string): [number, unknown] => [
    404,
    { error: { type: "invalid_request_error", code: "resource_missing", message: `No such ${what}` } },
  ];
  const routes: [string, RegExp, Handler][] = [
    [
      "POST",
      /^\/v1\/customers$/,
      (p) => {
        const customer = {
          id: newId("cus"),
          object: "customer",
          name: p.name ?? null,
          email: p.email ?? null,
          metadata: p.metadata ?? {},
        };
        customers.set(customer.id, customer);
        return [200, customer];
      },
    ],
    [
      "POST",
      /^\/v1\/checkout\/sessions$/,
      (p) => {
        if (typeof p.customer !== "string" || !customers.has(p.customer))
          return notFound(`customer: '${String(p.customer)}'`);
        const id = newId("cs");
        return [
          200,
          { id, object: "checkout.session", mode: p.mode, customer: p.customer, url: `${base}/pay/${id}` },
        ];
      },
    ],
    [
      "GET",
      /^\/v1\/subscriptions\/([\w]+)$/,
      (_p, m) => {
        const sub = subscriptions.get(m[1]!);
        return sub ? [200, sub] : notFound(`subscription: '${m[1]}'`);
      },
    ],
    [
      "POST",
      /^\/v1\/subscriptions\/([\w]+)$/,
      (p, m) => {
        const sub = subscriptions.get(m[1]!);
        if (!sub) return notFound(`subscription: '${m[1]}'`);
        const items = (sub.items as { data: Record<string, unknown>[] }).data;
        for (const change of (p.items as Record<string, unknown>[] | undefined) ?? []) {
          const item = items.find((i) => i.id === change.id);
          if (!item) return notFound(`subscription item: '${String(change.id)}'`);
          if (typeof change.price === "string") item.price = { id: change.price, object: "price" };
        }
        if (p.metadata) sub.metadata = { ...(sub.metadata as object), ...p.metadata };
        if (p.proration_behavior === "always_invoice") {
          invoices.push({
            id: newId("in"),
            object: "invoice",
            customer: sub.customer,
            subscription: sub.id,
            billing_reason: "subscription_update",
            status: "paid",
            amount_due: 10_000,
            amount_paid: 10_000,
            currency: "usd",
            created: now(),
          });
        }
        return [200, sub];
      },
    ],
    [
      "POST",
      /^\/v1\/billing_portal\/sessions$/,
      (p) => {
        if (typeof p.customer !== "string" || !customers.has(p.customer))
          return notFound(`customer: '${String(p.customer)}'`);
        const id = newId("bps");
        return [
          200,
          {
            id,
            object: "billing_portal.session",
            customer: p.customer,
            return_url: p.return_url,
            url: `${base}/portal/${id}`,
          },
        ];
      },
    ],
    [
      "GET",
      /^\/v1\/invoices$/,
      (p) => {
        const data = invoices.filter((i) => i.customer === p.customer).reverse();
        return [200, { object: "list", url: "/v1/invoices", has_more: false, data }];
      },
    ],
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body: unknown) =>
      res
        .writeHead(status, { "content-type": "application/json", "request-id": newId("req") })
        .end(JSON.stringify(body));
    const url = new URL(req.url ?? "/", "http://stand-in");
    const raw = req.method === "GET" ? url.search.slice(1) : await readBody(req);
    const params = decodeForm(raw);
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    requests.push({ method: req.method ?? "", path: url.pathname, params, idempotencyKey });
    if (req.headers.authorization !== `Bearer ${opts.secretKey}`)
      return send(401, { error: { type: "invalid_request_error", message: "Invalid API Key provided" } });
    // The SDK adds its own keys to retries; ours are namespaced (customer:...), so only those are replayed here.
    const replayKey = idempotencyKey?.includes(":")
      ? `${req.method} ${url.pathname} ${idempotencyKey}`
      : null;
    const replay = replayKey ? idempotent.get(replayKey) : undefined;
    if (replay) return send(replay.status, replay.body);
    for (const [method, pattern, handler] of routes) {
      const match = req.method === method ? url.pathname.match(pattern) : null;
      if (!match) continue;
      const [status, body] = handler(params, match);
      if (replayKey) idempotent.set(replayKey, { status, body });
      return send(status, body);
    }
    send(404, {
      error: {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${req.method}: ${url.pathname})`,
      },
    });
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    requests,
    customers,
    subscriptions,
    invoices,
    createSubscription(input) {
      const sub = subscriptionObject(input);
      subscriptions.set(sub.id, sub);
      return sub;
    },
    addInvoice(input) {
      const invoice = {
        id: newId("in"),
        object: "invoice",
        number: `INV-${invoices.length + 1}`,
        customer: input.customer,
        subscription: input.subscription ?? null,
        status: input.status ?? "paid",
        amount_due: input.amountDue,
        amount_paid: input.status === "open" ? 0 : input.amountDue,
        currency: "usd",
        created: now() + invoices.length,
        hosted_invoice_url: `${base}/invoice/${invoices.length + 1}`,
        invoice_pdf: null,
      };
      invoices.push(invoice);
      return invoice;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Decodes Stripe's form encoding (`items[0][price]=x&metadata[plan]=y`) into nested objects and arrays. */
export function decodeForm(raw: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return arrays(root) as Record<string, unknown>;
}

function arrays(value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arrays(v)] as const);
  const indexed = entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  return indexed
    ? entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v)
    : Object.fromEntries(entries);
}
