import { createContext, useContext } from "react";

/**
 * The per-request CSP nonce (app/auth/http-guards.server.ts) for Remix's inline scripts. Only the
 * server knows it; in the browser it is "" (browsers hide the attribute from scripts anyway).
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
