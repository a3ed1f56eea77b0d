import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { appError } from '../errors.ts';

/**
 * The pages' content policy. Scripts only from our own files (Vite bundles everything; no CDN on a closed network);
 * styles also inline, because antd writes its CSS-in-JS into <style> elements; images from files, data: and blob:
 * (evidence thumbnails, ECharts' exports); frames of our own pages only (the evidence PDF preview), and no site may
 * frame ours (clickjacking).
 */
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Served over TLS: said by the configured public address, or by the scheme a trusted proxy reports. */
export function overTls(request: FastifyRequest, config: Config): boolean {
  return config.publicUrl?.startsWith('https:') === true || request.protocol === 'https';
}

/** Headers every answer carries; the content policy on pages (HTML), where scripts run. */
export function registerSecurityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
    if (
      String(reply.getHeader('content-type') ?? '').startsWith('text/html') &&
      !reply.hasHeader('content-security-policy')
    )
      reply.header('content-security-policy', PAGE_POLICY);
    if (overTls(request, app.services.config)) {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
    return payload;
  });
}

/** Counts a key's requests in fixed one-minute windows. One process's memory: each process limits on its own. */
export class RateCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds to wait when the key is over its limit, else null (and the request is counted). */
  take(key: string, now: number): number | null {
    if (this.limit <= 0) return null;
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size >= 50_000) this.prune(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count += 1;
    return null;
  }

  private prune(now: number) {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/**
 * API rate limits: per session once signed in (a script gone wrong, a stolen cookie), per address before (the public
 * portal and sign-in). Signed-in users behind one office NAT share an address, so they are counted by session only.
 * Runs after the session is loaded (registered after the auth hook). The web's own files are not counted.
 */
export function registerRateLimits(app: FastifyInstance) {
  const { perSession, perAddress } = app.services.config.rateLimit;
  const sessions = new RateCounter(perSession);
  const addresses = new RateCounter(perAddress);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.routeOptions.config?.webFile) return;
    const now = app.services.now().getTime();
    // The CSRF token is as unique as the session and, unlike the cookie, never leaves the server's memory here.
    const wait = request.session ? sessions.take(request.session.csrfToken, now) : addresses.take(request.ip, now);
    if (wait === null) return;
    reply.header('retry-after', String(wait));
    throw appError('too_many_requests', { retryAfterSeconds: wait }, { retryAfterSeconds: wait });
  });
}
