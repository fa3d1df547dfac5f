/** Outbound HTTP to addresses customers choose (webhooks): the address classifier and the pinned client. */
export { classifyAddress, classifyHost, type AddressClass } from "./address";
export {
  createSafeHttpClient,
  systemResolver,
  type Resolver,
  type ResolvedAddress,
  type SafeHttpClient,
  type SafeHttpOptions,
  type SafeHttpResult,
} from "./safe-fetch";
