import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorsByField, fieldLabel, fieldProblems } from '@/lib/forms/human-errors';

describe('validation problems in words', () => {
  it('counts list entries from 1 and names fields the way forms label them', () => {
    expect(fieldLabel(['sources', 2, 'layers'])).toBe('Source 3 layers');
    expect(fieldLabel(['sources', 1, 'psi'])).toBe('Source 2 ψ');
    expect(fieldLabel(['keyframes', 0])).toBe('Keyframe 1');
    expect(fieldLabel(['truncationCutoff'])).toBe('Truncation cutoff');
  });

  it("rewrites zod's built-in wording and keeps a schema's own message", () => {
    const schema = z.object({
      name: z.string().min(1),
      sources: z.array(z.object({ psi: z.number().max(2).optional(), layers: z.array(z.string()).min(1, 'each source takes at least one layer range') })),
    });
    const r = schema.safeParse({ name: '', sources: [{ layers: ['a'] }, { psi: 3, layers: [] }] });
    const problems = fieldProblems(r.error!.issues);
    expect(problems.map((p) => p.message)).toEqual(['Name is required', 'Source 2 ψ must be at most 2', 'Source 2 layers: each source takes at least one layer range']);
    expect(errorsByField(problems)).toEqual({ name: 'Name is required', 'sources.1.psi': 'Source 2 ψ must be at most 2', 'sources.1.layers': 'Source 2 layers: each source takes at least one layer range' });
  });

  it('names fine-tune options as the form labels them, without the API\'s options wrapper', () => {
    expect(fieldLabel(['options', 'kimg'])).toBe('Length (kimg)');
    expect(fieldLabel(['options', 'batch'])).toBe('Batch size');
    const r = z.object({ options: z.object({ kimg: z.number().positive() }) }).safeParse({ options: { kimg: 0 } });
    expect(fieldProblems(r.error!.issues)).toEqual([{ path: 'options.kimg', field: 'Length (kimg)', message: 'Length (kimg) must be more than 0' }]);
  });
});
