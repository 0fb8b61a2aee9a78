import { forbidden } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';

/** For admin pages: signed-out users go to sign-in, signed-in non-admins get a 403. */
export async function requireAdmin() {
  const user = await requireUser();
  if (user.role !== 'ADMIN') forbidden();
  return user;
}
