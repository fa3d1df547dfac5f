export type MailMessage = {
  to: string;
  from?: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra header lines (e.g. `List-Unsubscribe`); nodemailer writes them as given. */
  headers?: Record<string, string>;
  /** Files attached to the message; the content travels base64-encoded, as the outbox stores it. */
  attachments?: { filename: string; contentType: string; contentBase64: string }[];
};

export interface MailTransport {
  readonly name: "smtp" | "dev-mailbox";
  /** Resolves once the message is accepted; rejects (so an outbox can retry) otherwise. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}
