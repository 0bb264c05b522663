/**
 * HTTP-level defences that must cover every request, not only the routes that remember them:
 * the Origin check on state-changing methods and the security headers. They run as Express
 * middleware in front of Remix (scripts/start.ts) because Remix v2 has no middleware of its own
 * and its built-in check answers a cross-origin action with 500 rather than 403.
 */
import type { NextFunction, Request, Response } from "express";
import { isSameOrigin } from "./session.server";

/**
 * Scripts: Remix's hydration data and scroll restoration are inline scripts, so script-src needs
 * 'unsafe-inline' until nonces are threaded through entry.server (see ADR 004). Styles: Plot
 * and USWDS set inline styles. Everything else is same-origin only, and no site may frame us.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export function securityHeaders() {
  const hsts = process.env.NODE_ENV === "production" && process.env.SESSION_COOKIE_SECURE !== "false";
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (hsts) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

/** 403 for a POST, PUT, PATCH or DELETE whose Origin (or Referer) is not this host. */
export function originCheck() {
  return (req: Request, res: Response, next: NextFunction) => {
    const ok = isSameOrigin(req.method, {
      origin: req.get("origin"),
      referer: req.get("referer"),
      host: req.get("x-forwarded-host") && req.app.get("trust proxy") ? req.get("x-forwarded-host") : req.get("host"),
    });
    if (ok) return next();
    res.status(403).type("text/plain").send("Cross-site request refused: this form must be sent from CompStat 311 itself.");
  };
}

/** What Remix loaders and actions receive as `context` (see request-context.server.ts). */
export function loadContextFor(req: Request) {
  return { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" };
}
