import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type SinkMessage = { from: string; to: string[]; raw: string };
export type SmtpSink = {
  url: string;
  messages: SinkMessage[];
  close(): Promise<void>;
  /** Rejects the next message at end of DATA with this SMTP reply code (e.g. 550). */
  failNext(code: number): void;
};

/** Plain-text SMTP server on 127.0.0.1 for tests; accepts any credentials and records what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  let pendingFailure: number | null = null;

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: "sink" }),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        if (pendingFailure !== null) {
          const error = Object.assign(new Error("Message rejected by test sink"), {
            responseCode: pendingFailure,
          });
          pendingFailure = null;
          return callback(error);
        }
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : "",
          to: rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext(code) {
      pendingFailure = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
