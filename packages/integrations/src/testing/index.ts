export { startUpstashRestShim, type UpstashRestShim } from "./upstash-rest-shim";
export { startSmtpSink, type SmtpSink, type SinkMessage } from "./smtp-sink";
export {
  startMetrcMock,
  METRC_FAULTS,
  type MetrcMock,
  type MetrcFault,
  type MetrcMockOptions,
  type MockPackage,
} from "./metrc-mock";
