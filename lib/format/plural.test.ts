import { describe, expect, it } from 'vitest';
import { plural } from '@/lib/format/plural';

describe('plural', () => {
  it('counts one thing in the singular and others in the plural', () => {
    expect(plural(1, 'fork')).toBe('1 fork');
    expect(plural(0, 'fork')).toBe('0 forks');
    expect(plural(2, 'mix', 'mixes')).toBe('2 mixes');
    expect(plural(12000, 'image')).toBe('12,000 images');
  });
});
