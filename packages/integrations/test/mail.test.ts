import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDevMailboxTransport, createSmtpTransport, MailDeliveryError } from "../src/mail";
import { toMailDeliveryError } from "../src/mail/smtp";
import { type SmtpSink, startSmtpSink } from "../src/testing";

describe("SMTP transport", () => {
  let sink: SmtpSink;
  const password = "s3cret-Pässword";
  const urlWithCredentials = () =>
    sink.url.replace("smtp://", `smtp://mailer:${encodeURIComponent(password)}@`);

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.close();
  });

  it("delivers a message with the default sender", async () => {
    const transport = createSmtpTransport({
      url: urlWithCredentials(),
      from: "CannaSaaS <no-reply@cannasaas.localhost>",
    });
    const { messageId } = await transport.send({
      to: "budtender@example.com",
      subject: "Your order is ready",
      text: "Pick it up at the counter.",
      html: "<p>Pick it up at the <b>counter</b>.</p>",
    });

    expect(messageId).toMatch(/^<.+@.+>$/);
    const delivered = sink.messages.at(-1);
    expect(delivered?.from).toBe("no-reply@cannasaas.localhost");
    expect(delivered?.to).toEqual(["budtender@example.com"]);
    expect(delivered?.raw).toContain("Subject: Your order is ready");
    expect(delivered?.raw).toContain("Pick it up at the counter.");
    expect(delivered?.raw).toContain(`Message-ID: ${messageId}`);
  });

  it("writes extra headers, as RFC 8058 one-click unsubscribe needs them", async () => {
    const transport = createSmtpTransport({ url: sink.url, from: "store@example.com" });
    await transport.send({
      to: "shopper@example.com",
      subject: "Weekend deals",
      text: "Hello",
      headers: {
        "List-Unsubscribe": "<https://example.com/u/abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
    });
    const raw = sink.messages.at(-1)?.raw ?? "";
    expect(raw).toContain("List-Unsubscribe: <https://example.com/u/abc>");
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("attaches files as MIME parts with their name and type", async () => {
    const transport = createSmtpTransport({ url: sink.url, from: "store@example.com" });
    const pdf = Buffer.from("%PDF-1.7 purchase order");
    await transport.send({
      to: "supplier@example.com",
      subject: "PO-0001",
      text: "Attached.",
      attachments: [
        { filename: "PO-0001.pdf", contentType: "application/pdf", contentBase64: pdf.toString("base64") },
      ],
    });
    const raw = sink.messages.at(-1)?.raw ?? "";
    expect(raw).toMatch(/Content-Type: application\/pdf; name=PO-0001\.pdf/);
    expect(raw).toMatch(/Content-Disposition: attachment; filename=PO-0001\.pdf/);
    expect(raw).toContain(pdf.toString("base64"));
  });

  it("rejects when the server refuses the message, without leaking the password", async () => {
    const transport = createSmtpTransport({ url: urlWithCredentials(), from: "a@example.com" });
    const before = sink.messages.length;
    sink.failNext(550);

    const error: unknown = await transport
      .send({ to: "x@example.com", subject: "s", text: "t" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ responseCode: 550 });
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(password);
    expect(sink.messages).toHaveLength(before);

    await transport.send({ to: "x@example.com", subject: "retry", text: "t" }); // failNext only affects one message
    expect(sink.messages).toHaveLength(before + 1);
  });

  it("scrubs the password from underlying error messages", () => {
    const raw = Object.assign(new Error("535 auth failed for mailer:hunter2"), {
      code: "EAUTH",
      responseCode: 535,
    });
    const error = toMailDeliveryError(raw, ["hunter2"]);
    expect(error.message).toBe("SMTP delivery failed: 535 auth failed for mailer:[REDACTED]");
    expect(error).toMatchObject({ code: "EAUTH", responseCode: 535 });
  });

  it("does not echo the URL when it cannot be parsed", () => {
    expect(() => createSmtpTransport({ url: "smtp://user:hunter2@[bad", from: "a@example.com" })).toThrow(
      "SMTP url is not a valid URL",
    );
  });

  it("fails when nothing listens at the SMTP address", async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const transport = createSmtpTransport({ url: closed.url, from: "a@example.com" });
    await expect(transport.send({ to: "x@example.com", subject: "s", text: "t" })).rejects.toMatchObject({
      code: "ESOCKET",
    });
  });
});

describe("dev mailbox transport", () => {
  it("accepts every message and returns unique ids", async () => {
    const transport = createDevMailboxTransport();
    const message = { to: "x@example.com", subject: "s", text: "t" };
    const [a, b] = await Promise.all([transport.send(message), transport.send(message)]);
    expect(a.messageId).not.toBe(b.messageId);
  });
});
