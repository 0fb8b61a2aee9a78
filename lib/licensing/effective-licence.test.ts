import { describe, expect, it } from 'vitest';
import { attributionText, effectiveLicence, type LicenceSource, type LicenceTerms } from '@/lib/licensing/effective-licence';
import { licenceNeedsReview, reviewBlocker } from '@/lib/licensing/review';

const CC0: LicenceTerms = { spdxId: 'CC0-1.0', name: 'CC0', commercialUse: true, shareAlike: false, attribution: null, custom: false };
const BY: LicenceTerms = { spdxId: 'CC-BY-4.0', name: 'CC BY', commercialUse: true, shareAlike: false, attribution: 'Ada Lovelace', custom: false };
const BY_SA: LicenceTerms = { spdxId: 'CC-BY-SA-4.0', name: 'CC BY-SA', commercialUse: true, shareAlike: true, attribution: 'Grace Hopper', custom: false };
const NC: LicenceTerms = { spdxId: 'LicenseRef-NVIDIA-Source-Code-License-NC', name: 'NVIDIA NC', commercialUse: false, shareAlike: false, attribution: 'NVIDIA', custom: false };

const model = (id: string, licence: LicenceTerms | null): LicenceSource => ({ kind: 'model', id, name: id, licence });
const dataset = (id: string, licence: LicenceTerms | null): LicenceSource => ({ kind: 'dataset', id, name: id, licence });

describe('effective licence of an output', () => {
  it('keeps the terms of a single permissive model', () => {
    const l = effectiveLicence([model('base', CC0)]);
    expect(l).toMatchObject({ commercialUse: true, shareAlike: false, attributions: [], licences: ['CC0-1.0'], unlicensed: false });
  });

  it('inherits non-commercial terms from a base model through a fine-tune on a permissive dataset', () => {
    // fine-tuned model (CC-BY, trained on a CC0 dataset) ← NVIDIA non-commercial base
    const l = effectiveLicence([model('tuned', BY), dataset('faces', CC0), model('base', NC)]);
    expect(l.commercialUse).toBe(false);
    expect(l.attributions).toEqual(['Ada Lovelace', 'NVIDIA']);
    expect(l.licences).toEqual(['CC-BY-4.0', 'CC0-1.0', 'LicenseRef-NVIDIA-Source-Code-License-NC']);
    expect(l.summary).toMatch(/non-commercial use only/);
  });

  it('becomes share-alike when any dataset in the chain is share-alike', () => {
    const l = effectiveLicence([model('tuned', CC0), dataset('sa-faces', BY_SA), model('base', CC0)]);
    expect(l).toMatchObject({ commercialUse: true, shareAlike: true, attributions: ['Grace Hopper'] });
    expect(attributionText(l)).toContain('Credit: Grace Hopper.');
    expect(attributionText(l)).toContain('share alike');
  });

  it('allows no commercial use when a link has no licence, or the chain is empty', () => {
    expect(effectiveLicence([model('tuned', CC0), dataset('unknown', null)])).toMatchObject({ commercialUse: false, unlicensed: true });
    expect(effectiveLicence([])).toMatchObject({ commercialUse: false, unlicensed: true, licences: [] });
  });

  it('lists each attribution and licence once', () => {
    const l = effectiveLicence([model('a', BY), model('b', BY), model('c', CC0)]);
    expect(l.attributions).toEqual(['Ada Lovelace']);
    expect(l.licences).toEqual(['CC-BY-4.0', 'CC0-1.0']);
  });
});

describe('licence review rules', () => {
  it('reviews custom, unknown, non-commercial and missing licences; passes known commercial ones', () => {
    expect(licenceNeedsReview({ customText: 'my own terms, read carefully', commercialUse: true, spdxId: null })).toBe(true);
    expect(licenceNeedsReview({ customText: null, commercialUse: false, spdxId: 'CC-BY-NC-4.0' })).toBe(true);
    expect(licenceNeedsReview({ customText: null, commercialUse: true, spdxId: 'Weird-1.0' }, (id) => id === 'CC0-1.0')).toBe(true);
    expect(licenceNeedsReview(null)).toBe(true);
    expect(licenceNeedsReview({ customText: null, commercialUse: true, spdxId: 'CC0-1.0' })).toBe(false);
  });

  it('blocks pending and rejected items only', () => {
    expect(reviewBlocker('Dataset "x"', 'PENDING')).toMatch(/waiting for licence review/);
    expect(reviewBlocker('Dataset "x"', 'REJECTED')).toMatch(/rejected/);
    expect(reviewBlocker('Dataset "x"', 'APPROVED')).toBeNull();
    expect(reviewBlocker('Dataset "x"', 'NOT_REQUIRED')).toBeNull();
  });
});
