import { signOut } from '@/lib/auth/auth';

export function SignOutButton() {
  return (
    <form
      action={async () => {
        'use server';
        await signOut({ redirectTo: '/' });
      }}
    >
      <button type="submit" className="whitespace-nowrap rounded-md border border-stone-300 px-2.5 py-1 text-stone-700 hover:bg-stone-100">
        Sign out
      </button>
    </form>
  );
}
