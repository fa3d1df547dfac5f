export { startUpstashRestShim, type UpstashRestShim } from "./upstash-rest-shim";
export { startSmtpSink, type SmtpSink, type SinkMessage } from "./smtp-sink";
export {
  startStripeStandIn,
  decodeForm,
  type StripeStandIn,
  type StripeStandInRequest,
} from "./stripe-stand-in";
