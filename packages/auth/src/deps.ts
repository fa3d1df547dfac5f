import type { CoreDeps } from "@cannasaas/core";
import type { MailTransport } from "@cannasaas/integrations/mail";

export type AuthDeps = CoreDeps & { mail: MailTransport };
