import { describe, expect, it } from 'vitest';
import { emailSchema, hashPassword, passwordSchema, verifyPassword } from '@/lib/auth/password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct-horse-42');
    expect(stored.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct-horse-42', stored)).toBe(true);
    expect(await verifyPassword('correct-horse-43', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same-password-1')).not.toBe(await hashPassword('same-password-1'));
  });

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('credential rules', () => {
  it('explains what a weak password lacks', () => {
    expect(passwordSchema.safeParse('short1').error?.issues[0]?.message).toMatch(/at least 10/);
    expect(passwordSchema.safeParse('onlyletterslong').error?.issues[0]?.message).toMatch(/digit/);
    expect(passwordSchema.safeParse('1234567890123').error?.issues[0]?.message).toMatch(/letter/);
    expect(passwordSchema.safeParse('letters-and-42').success).toBe(true);
  });

  it('normalises emails and rejects malformed ones', () => {
    expect(emailSchema.parse('  Ada@Example.COM ')).toBe('ada@example.com');
    expect(emailSchema.safeParse('not-an-email').success).toBe(false);
  });
});
