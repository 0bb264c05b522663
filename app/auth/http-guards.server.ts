/**
 * HTTP-level defences that must cover every request, not only the routes that remember them:
 * the Origin check on state-changing methods and the security headers. They run as Express
 * middleware in front of Remix (scripts/start.ts) because Remix v2 has no middleware of its own
 * and its built-in check answers a cross-origin action with 500 rather than 403.
 */
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { isSameOrigin } from "./session.server";

/**
 * Scripts: same-origin files, and inline scripts (Remix's hydration data, scroll restoration,
 * streamed data) only with this response's nonce. Styles: Plot and USWDS set inline styles.
 * Everything else is same-origin only, and no site may frame us.
 */
export function contentSecurityPolicy(nonce: string) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

export function securityHeaders() {
  const hsts =
    (process.env.NODE_ENV ?? "production") === "production" &&
    process.env.SESSION_COOKIE_SECURE !== "false";
  return (_req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce));
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      res.setHeader(name, value);
    if (hsts)
      res.setHeader(
        "Strict-Transport-Security",
        "max-age=31536000; includeSubDomains"
      );
    next();
  };
}

/** 403 for a POST, PUT, PATCH or DELETE whose Origin (or Referer) is not this host. */
export function originCheck() {
  return (req: Request, res: Response, next: NextFunction) => {
    const ok = isSameOrigin(req.method, {
      origin: req.get("origin"),
      referer: req.get("referer"),
      host:
        req.get("x-forwarded-host") && req.app.get("trust proxy")
          ? req.get("x-forwarded-host")
          : req.get("host"),
    });
    if (ok) return next();
    res
      .status(403)
      .type("text/plain")
      .send(
        "Cross-site request refused: this form must be sent from CompStat 311 itself."
      );
  };
}

/** What Remix loaders and actions receive as `context` (see request-context.server.ts). */
export function loadContextFor(req: Request, res: Response) {
  return {
    clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    cspNonce: res.locals.cspNonce as string | undefined,
  };
}
