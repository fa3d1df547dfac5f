export type MailMessage = { to: string; from?: string; subject: string; text: string; html?: string };

export interface MailTransport {
  readonly name: "smtp" | "dev-mailbox";
  /** Resolves once the message is accepted; rejects (so an outbox can retry) otherwise. */
  send(message: MailMessage): Promise<{ messageId: string }>;
}
