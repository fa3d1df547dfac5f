export { startUpstashRestShim, type UpstashRestShim } from "./upstash-rest-shim";
export { startSmtpSink, type SmtpSink, type SinkMessage } from "./smtp-sink";
export {
  startStripeStandIn,
  decodeForm,
  type StripeStandIn,
  type StripeStandInRequest,
} from "./stripe-stand-in";
export {
  startMetrcMock,
  METRC_FAULTS,
  type MetrcMock,
  type MetrcFault,
  type MetrcMockOptions,
  type MockPackage,
} from "./metrc-mock";
