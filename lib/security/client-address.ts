// The caller's network address, for throttling. Next.js sets X-Forwarded-For to the socket
// address when no proxy did; behind proxies that append to it, CLIENT_ADDRESS_HOP says which
// entry (from the right) the nearest trusted proxy wrote. Without a proxy a client can choose
// this header, so per-address limits are a second line: per-account limits do not depend on it.
import { env } from '@/lib/env';

export function clientAddress(headers: Headers): string {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const entry = entries[entries.length - env().CLIENT_ADDRESS_HOP] ?? entries[0] ?? headers.get('x-real-ip') ?? 'unknown';
  return entry.replace(/^::ffff:/, '').slice(0, 64);
}
