import type { ReactNode } from "react";
import { TrpcReactProvider } from "~/lib/trpc/client";

export default function PlatformLayout({ children }: { children: ReactNode }) {
  return <TrpcReactProvider>{children}</TrpcReactProvider>;
}
