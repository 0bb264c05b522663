/**
 * What the HTTP server tells a request handler beyond the Request itself. scripts/start.ts
 * fills it through `getLoadContext`: the client's address from Express's `req.ip` (which
 * honours TRUST_PROXY) and the CSP nonce the security-headers middleware chose.
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp?: string;
    /** This response's Content-Security-Policy nonce for inline scripts. */
    cspNonce?: string;
  }
}

export function clientIp(context: { clientIp?: string } | undefined): string {
  return context?.clientIp || "unknown";
}
