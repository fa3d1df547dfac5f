import nodemailer from "nodemailer";
import type { MailMessage, MailTransport } from "./types";

/** Safe to log: carries SMTP diagnostics but never the original error, whose fields could hold credentials. */
export class MailDeliveryError extends Error {
  override name = "MailDeliveryError";
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(message);
  }
}

export function createSmtpTransport(opts: { url: string; from: string }): MailTransport {
  const url = parseSmtpUrl(opts.url);
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:")
    throw new Error("SMTP url must use smtp:// or smtps://");
  const password = decodeURIComponent(url.password);
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    secure: url.protocol === "smtps:",
    auth: url.username ? { user: decodeURIComponent(url.username), pass: password } : undefined,
    // nodemailer defaults allow minutes-long hangs, which would stall an outbox drain.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });

  return {
    name: "smtp",
    async send(message: MailMessage) {
      try {
        const { attachments, ...rest } = message;
        const info = await transporter.sendMail({
          ...rest,
          from: message.from ?? opts.from,
          attachments: attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, "base64"),
          })),
        });
        return { messageId: info.messageId };
      } catch (error) {
        throw toMailDeliveryError(error, [password, url.password]);
      }
    },
  };
}

/** Node's URL error carries the raw input (credentials included) on `.input`, so it is replaced. */
function parseSmtpUrl(raw: string): URL {
  try {
    return new URL(raw);
  } catch {
    throw new Error("SMTP url is not a valid URL");
  }
}

export function toMailDeliveryError(error: unknown, secrets: string[]): MailDeliveryError {
  const details = (error ?? {}) as { message?: unknown; code?: unknown; responseCode?: unknown };
  let message = `SMTP delivery failed: ${typeof details.message === "string" ? details.message : String(error)}`;
  for (const secret of secrets) if (secret) message = message.replaceAll(secret, "[REDACTED]");
  return new MailDeliveryError(
    message,
    typeof details.code === "string" ? details.code : undefined,
    typeof details.responseCode === "number" ? details.responseCode : undefined,
  );
}
