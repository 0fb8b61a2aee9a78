import { describe, expect, it } from 'vitest';
import { deriveLicence, type LicenceTerms } from '@/lib/training/derive-licence';

const l = (over: Partial<LicenceTerms>): LicenceTerms => ({ spdxId: null, name: 'x', customText: null, commercialUse: true, shareAlike: false, attribution: null, ...over });

describe('deriveLicence (most restrictive of base model and dataset)', () => {
  it('keeps a licence both share', () => {
    const cc0 = l({ spdxId: 'CC0-1.0', name: 'CC0' });
    expect(deriveLicence(cc0, cc0)).toMatchObject({ spdxId: 'CC0-1.0', commercialUse: true, customText: null });
  });
  it('is non-commercial if either side is, share-alike if either asks, and credits both', () => {
    const base = l({ spdxId: 'CC-BY-4.0', name: 'CC BY', attribution: 'NVIDIA' });
    const data = l({ spdxId: 'CC-BY-NC-SA-4.0', name: 'CC BY-NC-SA', commercialUse: false, shareAlike: true, attribution: 'Ada' });
    const d = deriveLicence(base, data);
    expect(d).toMatchObject({ spdxId: null, commercialUse: false, shareAlike: true, attribution: 'NVIDIA; Ada' });
    expect(d.name).toMatch(/CC-BY-4\.0.*CC-BY-NC-SA-4\.0/);
  });
  it('carries custom terms from both sides', () => {
    const d = deriveLicence(l({ customText: 'research only' }), l({ spdxId: 'CC0-1.0', customText: null }));
    expect(d.customText).toMatch(/research only/);
    expect(deriveLicence(l({ spdxId: 'MIT' }), l({ customText: 'no faces of minors' })).customText).toMatch(/no faces of minors/);
  });
});
