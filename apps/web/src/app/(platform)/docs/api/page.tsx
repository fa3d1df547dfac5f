import type { Metadata } from "next";
import Link from "next/link";
import { buildOpenApiDocument } from "@cannasaas/api/rest";
import { SIGNATURE_TOLERANCE_SECONDS } from "@cannasaas/core";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader } from "@cannasaas/ui/table";
import { PropertiesTable, TypeLink } from "./schema-view";

export const metadata: Metadata = { title: "API reference" };

type Schema = Record<string, unknown>;
type Operation = {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  "x-required-scope": string;
  parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: Schema }>;
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: Schema } } }>;
};

const VERIFY_SAMPLE = `import { createHmac, timingSafeEqual } from "node:crypto";

// Use the raw request body (the exact bytes), not a re-serialized object.
export function verify(secret, signatureHeader, rawBody, toleranceSeconds = ${SIGNATURE_TOLERANCE_SECONDS}) {
  const parts = Object.fromEntries(signatureHeader.split(",").map((p) => p.split("=")));
  const timestamp = Number(parts.t);
  if (!timestamp || !parts.v1) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false; // replayed
  const expected = createHmac("sha256", secret).update(\`\${timestamp}.\${rawBody}\`).digest();
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// Express: app.post("/hooks", express.raw({ type: "application/json" }), (req, res) => {
//   if (!verify(process.env.CANNASAAS_WEBHOOK_SECRET, req.get("X-CannaSaaS-Signature"), req.body.toString("utf8")))
//     return res.status(400).send("bad signature");
//   // Deliveries can repeat: skip ids you have seen (X-CannaSaaS-Delivery).
//   res.sendStatus(200);
// });`;

const CURL_SAMPLE = `curl -H "Authorization: Bearer cs_live_ab12cd34_..." \\
  "https://cannasaas.app/api/v1/products?status=active&limit=20"`;

function Code({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-lg bg-stone-900 p-4 text-xs leading-relaxed text-stone-100">
      <code>{children}</code>
    </pre>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-h`} className="flex scroll-mt-4 flex-col gap-3">
      <h2 id={`${id}-h`} className="text-2xl font-bold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The API reference, rendered on the server from the same OpenAPI document served at /api/v1/openapi.json. */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument();
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      path,
      method: method.toUpperCase(),
      op: op as Operation,
    })),
  );
  const tags = doc.tags.map((t) => t.name);
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-10 px-4 py-10">
      <header className="flex flex-col gap-3">
        <Link href="/" className="text-sm font-semibold text-brand">
          CannaSaaS
        </Link>
        <h1 className="text-4xl font-bold tracking-tight">{doc.info.title} reference</h1>
        <p className="max-w-3xl text-stone-700">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <a className="font-medium text-brand underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI {doc.openapi}).
        </p>
        <nav aria-label="On this page">
          <ul className="flex flex-wrap gap-2 text-sm">
            {[
              "authentication",
              "rate-limits",
              "errors",
              "pagination",
              ...tags.map((t) => t.toLowerCase()),
              "webhooks",
              "schemas",
            ].map((id) => (
              <li key={id}>
                <a
                  href={`#${id}`}
                  className="inline-flex min-h-11 items-center rounded-full border border-stone-300 bg-white px-4 capitalize hover:bg-stone-50"
                >
                  {id.replace("-", " ")}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>

      <Section id="authentication" title="Authentication">
        <p className="text-stone-700">
          Owners and admins create keys in <strong>Dashboard › Developers</strong>. A key is shown once; we
          store only its hash. Send it as a bearer token (or in <code>X-API-Key</code>). A revoked or expired
          key gets 401; a key without the endpoint&apos;s scope gets 403 naming the scope it lacks. API access
          needs the Professional plan or above.
        </p>
        <Code>{CURL_SAMPLE}</Code>
        <Table framed={false}>
          <TableCaption>Scopes</TableCaption>
          <TableHeader>
            <tr className="border-b border-stone-200 text-stone-600">
              <TableHead className="pr-3">Scope</TableHead>
              <TableHead>Grants</TableHead>
            </tr>
          </TableHeader>
          <TableBody>
            {Object.entries(doc["x-scopes"]).map(([scope, label]) => (
              <tr key={scope}>
                <TableCell className="pr-3">
                  <code className="text-xs">{scope}</code>
                </TableCell>
                <TableCell className="text-stone-700">{label}</TableCell>
              </tr>
            ))}
          </TableBody>
        </Table>
      </Section>

      <Section id="rate-limits" title="Rate limits">
        <p className="text-stone-700">
          Each key has a fixed window of 15 minutes (100 requests on Professional, 1,000 on Enterprise, or the
          limit set on the key). Every response carries <code>X-RateLimit-Limit</code>,{" "}
          <code>X-RateLimit-Remaining</code> and <code>X-RateLimit-Reset</code> (Unix seconds). Past the limit
          the API answers <code>429</code> with <code>Retry-After</code> in seconds.
        </p>
      </Section>

      <Section id="errors" title="Errors">
        <p className="text-stone-700">
          Every refusal has the same shape. Another organization&apos;s ids are simply not found (404).
        </p>
        <Code>{`{ "error": { "code": "insufficient_scope", "message": "This API key lacks the \\"orders:write\\" scope. ...", "details": { "requiredScope": "orders:write", "grantedScopes": ["orders:read"] } } }`}</Code>
      </Section>

      <Section id="pagination" title="Pagination">
        <p className="text-stone-700">
          Lists return <code>{`{ data, nextCursor }`}</code>. Pass <code>nextCursor</code> as{" "}
          <code>cursor</code> to get the next page; it is null on the last page. Products and customers are
          ordered by last change, so <code>updated_since</code> plus the cursor is a complete sync feed.
        </p>
      </Section>

      {tags.map((tag) => (
        <Section key={tag} id={tag.toLowerCase()} title={tag}>
          {operations
            .filter((o) => o.op.tags.includes(tag))
            .map(({ path, method, op }) => (
              <article
                key={op.operationId}
                id={op.operationId}
                aria-labelledby={`${op.operationId}-h`}
                className="flex flex-col gap-3 rounded-xl border border-stone-200 bg-white p-4 shadow-sm"
              >
                <h3
                  id={`${op.operationId}-h`}
                  className="flex flex-wrap items-center gap-2 text-lg font-semibold"
                >
                  <span
                    className={`rounded px-2 py-0.5 font-mono text-xs text-white ${method === "GET" ? "bg-sky-700" : "bg-emerald-700"}`}
                  >
                    {method}
                  </span>
                  <code className="text-base">/api/v1{path}</code>
                </h3>
                <p className="font-medium">{op.summary}</p>
                {op.description ? <p className="text-sm text-stone-700">{op.description}</p> : null}
                <p className="text-sm">
                  Scope: <code className="text-xs">{op["x-required-scope"]}</code>
                </p>
                {op.parameters.length ? (
                  <div className="overflow-x-auto">
                    <Table framed={false} className="min-w-[32rem]">
                      <TableCaption visible className="text-sm">
                        Parameters
                      </TableCaption>
                      <TableHeader>
                        <tr className="border-b border-stone-200 text-stone-600">
                          <TableHead className="pr-3">Name</TableHead>
                          <TableHead className="pr-3">In</TableHead>
                          <TableHead className="pr-3">Type</TableHead>
                          <TableHead>Notes</TableHead>
                        </tr>
                      </TableHeader>
                      <TableBody>
                        {op.parameters.map((p) => (
                          <tr key={p.name} className="align-top">
                            <TableCell className="pr-3">
                              <code className="text-xs font-semibold">{p.name}</code>
                              {p.required ? (
                                <span className="ml-1 text-xs text-red-700">required</span>
                              ) : null}
                            </TableCell>
                            <TableCell className="pr-3">{p.in}</TableCell>
                            <TableCell className="pr-3">
                              <TypeLink schema={p.schema} />
                            </TableCell>
                            <TableCell className="text-stone-700">{p.description ?? ""}</TableCell>
                          </tr>
                        ))}
                      </TableBody>
                    </Table>
                  </div>
                ) : null}
                {op.requestBody ? (
                  <div className="flex flex-col gap-1 text-sm">
                    <p className="font-semibold">Request body</p>
                    <TypeLink schema={op.requestBody.content["application/json"].schema} />
                  </div>
                ) : null}
                <div className="flex flex-col gap-1 text-sm">
                  <p className="font-semibold">Responses</p>
                  <ul className="flex flex-col gap-1">
                    {Object.entries(op.responses).map(([status, r]) => (
                      <li key={status}>
                        <code className="text-xs font-semibold">{status}</code> {r.description}{" "}
                        {status.startsWith("2") && r.content ? (
                          <TypeLink schema={r.content["application/json"].schema} />
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </div>
              </article>
            ))}
        </Section>
      ))}

      <Section id="webhooks" title="Webhooks">
        <p className="text-stone-700">
          Add endpoints in <strong>Dashboard › Developers</strong> and choose events:{" "}
          {doc["x-webhook-events"].map((e, i) => (
            <span key={e}>
              {i ? ", " : ""}
              <code className="text-xs">{e}</code>
            </span>
          ))}
          . Each event is POSTed as JSON <code>{`{ id, type, occurredAt, organizationId, data }`}</code> with
          headers <code>X-CannaSaaS-Event</code>, <code>X-CannaSaaS-Delivery</code> (the same on every retry:
          use it to skip duplicates) and <code>X-CannaSaaS-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</code>,
          where v1 is HMAC-SHA256 with your endpoint&apos;s secret over <code>t + &quot;.&quot; + body</code>.
          Answer with any 2xx within 10 seconds; anything else is retried with exponential backoff for about
          two hours, then marked dead. The dashboard shows every attempt and can redeliver.
        </p>
        <Code>{VERIFY_SAMPLE}</Code>
      </Section>

      <Section id="schemas" title="Schemas">
        {Object.entries(doc.components.schemas).map(([name, schema]) => (
          <article key={name} id={`schema-${name}`} className="flex scroll-mt-4 flex-col gap-2">
            <h3 className="text-lg font-semibold">{name}</h3>
            <PropertiesTable schema={schema} caption={`${name} fields`} />
          </article>
        ))}
      </Section>
    </main>
  );
}
