// CSRF for calls a browser makes on its user's behalf (session cookie, no bearer token):
// a state-changing request must come from the app's own origin and carry JSON or multipart,
// which a cross-site page cannot send without a CORS preflight this app never grants.
// Bearer-token calls are not affected: a browser never attaches a bearer token by itself.
import type { NextRequest } from 'next/server';
import { ApiError } from '@/lib/api/errors';
import { env } from '@/lib/env';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function ownOrigins(req: NextRequest): Set<string> {
  const origins = new Set<string>([new URL(env().APP_URL).origin]);
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  const proto = (req.headers.get('x-forwarded-proto') ?? req.nextUrl.protocol.replace(':', '')).split(',')[0]!.trim();
  if (host) origins.add(`${proto}://${host.split(',')[0]!.trim()}`);
  return origins;
}

function hasBody(req: NextRequest) {
  const length = req.headers.get('content-length');
  return (length !== null && length !== '0') || req.headers.has('transfer-encoding');
}

function isAllowedContentType(contentType: string | null) {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'multipart/form-data';
}

/** Throws 403 for a cross-origin request, 415 for a body that is neither JSON nor multipart. */
export function checkCsrf(req: NextRequest) {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get('origin');
  if (origin !== null && !ownOrigins(req).has(origin)) {
    throw new ApiError('forbidden', 'Cross-origin requests are refused; use an API token from other sites');
  }
  const site = req.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    throw new ApiError('forbidden', 'Cross-origin requests are refused; use an API token from other sites');
  }
  if (hasBody(req) && !isAllowedContentType(req.headers.get('content-type'))) {
    throw new ApiError('unsupported_media_type', 'Send JSON (application/json) or multipart/form-data');
  }
}
