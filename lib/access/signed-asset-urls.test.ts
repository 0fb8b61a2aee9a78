import { describe, expect, it } from 'vitest';
import { signedAssetUrl, verifyAssetSignature } from '@/lib/access/signed-asset-urls';

const now = Date.UTC(2026, 11, 5, 1, 0, 30);

function parts(url: string) {
  const u = new URL(url, 'http://x');
  return { id: decodeURIComponent(u.pathname.split('/').at(-1)!), exp: u.searchParams.get('exp'), sig: u.searchParams.get('sig') };
}

describe('signed asset links', () => {
  it('name their asset and verify until they expire, 10 to 11 minutes on', () => {
    const { id, exp, sig } = parts(signedAssetUrl('asset1', now));
    expect(id).toBe('asset1');
    expect(verifyAssetSignature('asset1', exp, sig, now)).toBe(true);
    expect(verifyAssetSignature('asset1', exp, sig, now + 10 * 60_000)).toBe(true);
    expect(verifyAssetSignature('asset1', exp, sig, now + 11 * 60_000)).toBe(false);
  });

  it('are the same link within a minute', () => {
    expect(signedAssetUrl('asset1', now)).toBe(signedAssetUrl('asset1', now + 20_000));
  });

  it('refuse another asset, a changed expiry or signature, and malformed values', () => {
    const { exp, sig } = parts(signedAssetUrl('asset1', now));
    expect(verifyAssetSignature('asset2', exp, sig, now)).toBe(false);
    expect(verifyAssetSignature('asset1', String(Number(exp) + 60), sig, now)).toBe(false);
    const flipped = sig!.slice(0, -2) + (sig!.at(-2) === 'A' ? 'B' : 'A') + sig!.at(-1);
    expect(verifyAssetSignature('asset1', exp, flipped, now)).toBe(false);
    for (const [e, s] of [[null, sig], [exp, null], ['', sig], ['1e12', sig], [`${exp}.0`, sig], [exp, sig + 'A'], [exp, sig!.slice(1)], [exp, '%'.repeat(43)]]) {
      expect(verifyAssetSignature('asset1', e, s, now), `${e} ${s}`).toBe(false);
    }
  });

  it('refuse every other spelling of the signature, those that decode to the same bytes too', () => {
    // The 43rd base64url character holds 4 bits of the digest and 2 unused ones: each of the 63
    // other last characters is refused, whether it decodes to other bytes or to the same ones.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const { exp, sig } = parts(signedAssetUrl('asset1', now));
    let sameBytes = 0;
    for (const c of alphabet) {
      if (c === sig!.at(-1)) continue;
      const other = sig!.slice(0, -1) + c;
      if (Buffer.from(other, 'base64url').equals(Buffer.from(sig!, 'base64url'))) sameBytes += 1;
      expect(verifyAssetSignature('asset1', exp, other, now), other).toBe(false);
    }
    expect(sameBytes).toBe(3);
  });

  it('refuse an expiry further out than any link is given', () => {
    const later = now + 24 * 3600_000;
    const { exp, sig } = parts(signedAssetUrl('asset1', later));
    expect(verifyAssetSignature('asset1', exp, sig, later)).toBe(true);
    expect(verifyAssetSignature('asset1', exp, sig, now)).toBe(false);
  });
});
