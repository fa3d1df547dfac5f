export { startUpstashRestShim, type UpstashRestShim } from "./upstash-rest-shim";
export { startSmtpSink, type SmtpSink, type SinkMessage } from "./smtp-sink";
