// Headers for every response; the pages' nonce CSP is lib/security/headers.ts (via proxy.ts).
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];
const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** @type {import('next').NextConfig} */
module.exports = {
  // Every response gets the fixed headers; pages get their nonce CSP from proxy.ts.
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CSP }] },
    ];
  },
  // Browsers ask for /favicon.ico on pages without an icon link (the 403 and 404 pages among
  // them); answer with the site icon rather than a 404.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/favicon.svg' }];
  },
  poweredByHeader: false,
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    'bullmq',
    'ioredis',
    'pg',
    '@prisma/adapter-pg',
    'sharp',
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-backend-webgpu',
    'webgpu',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-node-gpu',
    '@vladmandic/face-api',
  ],
  // `npm test` type-checks the whole repository once (tsc); the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  experimental: { authInterrupts: true },
};
