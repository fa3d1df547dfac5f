import { platformUrl, receiveInboundSms, TWILIO_SMS_WEBHOOK_PATH } from "@cannasaas/core";
import { readSmsSettings } from "@cannasaas/integrations/env";
import { publicUrlSettings } from "~/env";
import { getDeps } from "~/server/deps";

export const dynamic = "force-dynamic";

const xml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );

const twiml = (reply: string | null) =>
  new Response(
    `<?xml version="1.0" encoding="UTF-8"?><Response>${reply ? `<Message>${xml(reply)}</Message>` : ""}</Response>`,
    { status: 200, headers: { "content-type": "text/xml; charset=utf-8", "cache-control": "no-store" } },
  );

/**
 * Twilio's inbound-message webhook (the sending numbers' "A message comes in" URL). The signature is checked
 * over the address built from ROOT_DOMAIN and PUBLIC_SCHEME, never from the request's Host: a request signed
 * for another address, or not signed, gets 403 and changes nothing. STOP and START change SMS consent at once;
 * HELP is answered in TwiML.
 */
export async function POST(request: Request) {
  const settings = readSmsSettings();
  const form = new URLSearchParams(await request.text());
  const params: Record<string, string> = {};
  for (const [key, value] of form) params[key] = value;
  const { rootDomain, scheme } = publicUrlSettings();
  const result = await receiveInboundSms(await getDeps(), {
    authToken: settings?.authToken ?? null,
    url: `${platformUrl(rootDomain, scheme)}${TWILIO_SMS_WEBHOOK_PATH}`,
    signature: request.headers.get("x-twilio-signature"),
    params,
  });
  if (result.status === 403) {
    return Response.json({ error: result.reason }, { status: 403, headers: { "cache-control": "no-store" } });
  }
  return twiml(result.reply);
}
