// The edge for pages (API routes have theirs in lib/api/with-auth.ts): a per-request CSP nonce,
// and a 400 for a path or query that holds text no page can look up (NUL, broken UTF-8 or
// lone surrogates) instead of a database error deeper down.
import { NextResponse, type NextRequest } from 'next/server';
import { isInvalidText, safeDecode } from '@/lib/api/input-text';
import { pageCsp } from '@/lib/security/headers';

function hasInvalidText(req: NextRequest): boolean {
  for (const segment of req.nextUrl.pathname.split('/')) {
    const decoded = safeDecode(segment);
    if (decoded === null || isInvalidText(decoded)) return true;
  }
  for (const [k, v] of req.nextUrl.searchParams) if (isInvalidText(k) || isInvalidText(v)) return true;
  return false;
}

export function proxy(req: NextRequest) {
  if (req.nextUrl.pathname.startsWith('/api/')) {
    // Next.js answers a path param that is not valid UTF-8 with a bare 500 before any route
    // handler runs; everything else about API input is checked in lib/api/with-auth.ts.
    if (!hasInvalidText(req)) return NextResponse.next();
    return NextResponse.json({ error: { code: 'validation_error', message: 'The address holds a NUL character or invalid text' } }, { status: 400 });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  if (hasInvalidText(req)) {
    return new NextResponse('Bad request: the address holds a NUL character or invalid text.', {
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
  ],
};
