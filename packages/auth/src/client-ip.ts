import { clientAddress, type ClientAddressSettings } from "@cannasaas/integrations/client-address";
import { readClientAddressSettings } from "@cannasaas/integrations/env";

/**
 * The signing-in client's address, only from the forwarded headers the deployment trusts (TRUSTED_PROXY_HOPS or
 * CLIENT_IP_HEADER); null when unknown (Auth.js hands over no socket address), and sign-in then limits by email.
 */
export function clientIp(
  request: Request | undefined,
  settings: ClientAddressSettings = readClientAddressSettings(),
): string | null {
  return request ? clientAddress(request.headers, settings) : null;
}
