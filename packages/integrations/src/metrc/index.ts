export * from "./types";
export * from "./errors";
export * from "./base-url";
export {
  createMetrcClient,
  metrcMessage,
  type MetrcClient,
  type MetrcClientOptions,
  type MetrcWriteResult,
} from "./client";
