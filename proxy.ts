// The edge for pages (API routes have theirs in lib/api/with-auth.ts): a per-request CSP nonce,
// and a 400 for a path or query that holds text no page can look up (NUL, broken UTF-8 or
// lone surrogates) instead of a database error deeper down.
import { NextResponse, type NextRequest } from 'next/server';
import { findInvalidText, isInvalidText, safeDecode } from '@/lib/api/input-text';
import { pageCsp } from '@/lib/security/headers';

function hasInvalidText(req: NextRequest): boolean {
  for (const segment of req.nextUrl.pathname.split('/')) {
    const decoded = safeDecode(segment);
    if (decoded === null || isInvalidText(decoded)) return true;
  }
  for (const [k, v] of req.nextUrl.searchParams) if (isInvalidText(k) || isInvalidText(v)) return true;
  return false;
}

/**
 * Server actions post their arguments to the page's URL (multipart form fields, or JSON as
 * text/plain). The same text rule as the API's applies here, before any action runs.
 */
async function actionHasInvalidText(req: NextRequest): Promise<boolean> {
  if (req.method !== 'POST' || !req.headers.has('next-action')) return false;
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
      const form = await req.clone().formData();
      for (const [k, v] of form) if (isInvalidText(k) || (typeof v === 'string' && isInvalidText(v))) return true;
      return false;
    }
    const text = await req.clone().text();
    if (isInvalidText(text)) return true;
    try {
      return findInvalidText(JSON.parse(text)) !== null;
    } catch {
      return false; // not JSON: React's own encodings, left to Next.js
    }
  } catch {
    return false;
  }
}

export async function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith('/api/')) {
    // Next.js answers a path param that is not valid UTF-8 with a bare 500 before any route
    // handler runs; everything else about API input is checked in lib/api/with-auth.ts.
    if (!hasInvalidText(req)) return NextResponse.next();
    return NextResponse.json({ error: { code: 'validation_error', message: 'The address holds a NUL character or invalid text' } }, { status: 400 });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  if (hasInvalidText(req) || (await actionHasInvalidText(req))) {
    return new NextResponse('Bad request: the address or the form holds a NUL character or invalid text.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': csp },
    });
  }
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('content-security-policy', csp);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  res.headers.set('content-security-policy', csp);
  return res;
}

export const config = {
  matcher: [
    // Pages, not static files.
    '/((?!api/|_next/static|_next/image|favicon.ico).*)',
    // API calls, but not uploads: a request that passes through the proxy has its body
    // buffered by Next.js, and upload bodies must stream to their handler untouched.
    { source: '/api/:path*', missing: [{ type: 'header', key: 'content-type', value: '(?:multipart/form-data|application/zip|application/x-zip-compressed|application/octet-stream).*' }] },
    // Uploads too when the path holds a percent escape, which no valid upload path (ids and
    // fixed segments) does: those are the paths Next.js would fail to decode.
    '/api/:path(.*%.*)',
  ],
};
