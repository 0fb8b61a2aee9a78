import { z } from 'zod';
import { db } from '@/lib/db';
import { conflict } from '@/lib/api/errors';
import { emailSchema, hashPassword, passwordSchema } from '@/lib/auth/password';
import { consumeSignUp } from '@/lib/auth/throttle';

export const signUpInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, 'Name is required').max(100),
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const publicUserSelect = { id: true, email: true, name: true, role: true, createdAt: true } as const;

/**
 * Creates an account with a first personal project. Duplicate emails are a 409 that writes
 * nothing. With `address` (a sign-up from the web), counts against that address's and that
 * email's sign-up limits first (429 past them).
 */
export async function signUp(input: SignUpInput, opts: { role?: 'USER' | 'ADMIN'; address?: string } = {}) {
  if (opts.address !== undefined) await consumeSignUp(input.email, opts.address);
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw conflict('An account with this email already exists');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        passwordHash,
        role: opts.role ?? 'USER',
        projects: { create: { name: 'My first project' } },
      },
      select: publicUserSelect,
    });
  } catch (err) {
    // Lost a race with a concurrent sign-up for the same email.
    if ((err as { code?: string }).code === 'P2002') throw conflict('An account with this email already exists');
    throw err;
  }
}
