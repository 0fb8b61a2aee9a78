// The pages' Content-Security-Policy, set per request with a fresh nonce by proxy.ts. The fixed
// headers of every response (nosniff, frame denial, Referrer-Policy, the API's CSP) are in
// next.config.js.

/**
 * The pages' policy: scripts only with this request's nonce (Next.js puts it on its own
 * scripts) and what they load; styles from our origin plus inline style attributes (React
 * `style={...}`); images and media from our origin, data: and blob: (previews, downloads).
 */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
