// Signed, expiring links to an asset, minted by the access module for a caller who has just passed
// the read check of the row that shows the asset (a job's images). The explorer downloads each
// preview through one: the link is its permission, so the download needs no authentication and no
// access queries. A link is good for 10 to 11 minutes (expiries are whole minutes, so a job read
// twice in a minute gives the same link) and for its asset only; anything else is a 403.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

const LIFETIME_S = 10 * 60;
const GRID_S = 60;

let cachedKey: { secret: string; key: Buffer } | undefined;

/** A key of its own, derived from AUTH_SECRET, so these signatures can never stand in for another. */
function key() {
  const secret = env().AUTH_SECRET;
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createHmac('sha256', secret).update('latent-atelier/signed-asset-url/v1').digest() };
  return cachedKey.key;
}

function signature(assetId: string, exp: number) {
  return createHmac('sha256', key()).update(`${assetId}\n${exp}`).digest('base64url');
}

/** `/api/v1/assets/:id?exp=…&sig=…`, readable by whoever holds it until it expires. */
export function signedAssetUrl(assetId: string, now = Date.now()) {
  const exp = (Math.floor(now / 1000 / GRID_S) + 1) * GRID_S + LIFETIME_S;
  return `/api/v1/assets/${encodeURIComponent(assetId)}?exp=${exp}&sig=${signature(assetId, exp)}`;
}

/**
 * Whether `exp` and `sig` (the query of a link from signedAssetUrl) are a valid, unexpired
 * signature for `assetId`.
 */
export function verifyAssetSignature(assetId: string, exp: string | null, sig: string | null, now = Date.now()): boolean {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const expires = Number(exp);
  const nowS = now / 1000;
  if (expires <= nowS || expires > nowS + LIFETIME_S + GRID_S) return false;
  // Compared as text, not as decoded bytes: the last of 43 base64url characters carries two unused
  // bits, so four spellings decode to the same bytes, and only the canonical one is the link.
  const given = Buffer.from(sig, 'ascii');
  const expected = Buffer.from(signature(assetId, expires), 'ascii');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
