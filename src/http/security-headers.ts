import type { MiddlewareHandler } from 'hono';
import { isPlainLocalhost } from '../access/middleware.js';
import type { AppEnv } from './context.js';

const HSTS = 'max-age=31536000; includeSubDomains';

/** The basemap's origin, the only other place the map may load tiles from. */
function basemapOrigin(basemapUrl: string | undefined): string | undefined {
  if (!basemapUrl) return undefined;
  try {
    return new URL(basemapUrl).origin;
  } catch {
    return undefined;
  }
}

/**
 * Vigie's pages load only from Vigie itself: no inline script, no framing. MapLibre needs its
 * worker from a blob: URL and draws tiles from data:/blob: images; a configured basemap adds its
 * origin to the tiles' fetches and images.
 */
export function contentSecurityPolicy(basemapUrl: string | undefined): string {
  const tiles = basemapOrigin(basemapUrl);
  const withTiles = (...sources: string[]) => (tiles ? [...sources, tiles] : sources).join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${withTiles("'self'", 'data:', 'blob:')}`,
    `connect-src ${withTiles("'self'")}`,
    "worker-src 'self' blob:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers that hold nothing about anyone and are the same for every caller: caches may keep them. */
const PUBLIC_STATIC_API = new Set(['/api/openapi.json']);

/**
 * Whether no cache (browser, proxy, shared computer) may keep the answer: every API answer holds,
 * or may hold, personal data or a perimeter's records, refusals included (partners' Open311 too). The service worker's own
 * offline store is unaffected (it writes with the Cache API, which ignores this header).
 */
export const mustNotStore = (path: string) => (path === '/api' || path.startsWith('/api/') || path.startsWith('/open311/')) && !PUBLIC_STATIC_API.has(path);

/** Headers on every response, API and web app alike. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', contentSecurityPolicy(c.get('config').basemapUrl));
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
  // The incident form locates the reporter; nothing else needs the device's sensors.
  c.header('Permissions-Policy', 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  if (!isPlainLocalhost(c)) c.header('Strict-Transport-Security', HSTS);
  if (mustNotStore(c.req.path)) c.header('Cache-Control', 'no-store');
};
