export { startUpstashRestShim, type UpstashRestShim } from "./upstash-rest-shim";
export { startSmtpSink, type SmtpSink, type SinkMessage } from "./smtp-sink";
export {
  startStripeStandIn,
  decodeForm,
  type StripeStandIn,
  type StripeStandInRequest,
} from "./stripe-stand-in";
export { signStripeEvent } from "./stripe-events";
export { imageInfo, makeTestImage } from "./images";
export {
  startMetrcMock,
  METRC_FAULTS,
  type MetrcMock,
  type MetrcFault,
  type MetrcMockOptions,
  type MockPackage,
} from "./metrc-mock";
export { startS3StandIn, S3_STAND_IN_CREDENTIALS, type S3StandIn } from "./s3-stand-in";
export {
  startAnthropicStandIn,
  lastUserText,
  hasToolResult,
  type AnthropicStandIn,
  type StandInBlock,
  type StandInReply,
  type StandInRequest,
  type StandInRequestBody,
  type StandInScript,
} from "./anthropic-stand-in";
export {
  startTwilioStandIn,
  signTwilioWebhook,
  type TwilioStandIn,
  type TwilioFault,
  type StandInSms,
} from "./twilio-stand-in";
export {
  startPushStandIn,
  createTestBrowser,
  createTestVapidKeys,
  type PushStandIn,
  type PushAnswer,
  type ReceivedPush,
} from "./push-stand-in";
