/**
 * What the HTTP server tells a request handler beyond the Request itself. scripts/start.ts
 * fills it through `getLoadContext` from Express's `req.ip` (which honours TRUST_PROXY).
 */
declare module "@remix-run/node" {
  interface AppLoadContext {
    clientIp?: string;
  }
}

export function clientIp(context: { clientIp?: string } | undefined): string {
  return context?.clientIp || "unknown";
}
