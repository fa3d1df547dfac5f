"use client";
import { createContext, useContext, type ReactNode } from "react";

const SignedInContext = createContext(false);

/**
 * Whether a shopper is signed in, as the storefront's layout found it on the server, for client code that only
 * has something to ask the server for a signed-in shopper (saved products): a guest's page skips the request
 * instead of sending it to be refused.
 */
export function SignedInProvider({ signedIn, children }: { signedIn: boolean; children: ReactNode }) {
  return <SignedInContext.Provider value={signedIn}>{children}</SignedInContext.Provider>;
}

export const useSignedIn = () => useContext(SignedInContext);
