import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/current-user';
import { listTeams } from '@/lib/teams/teams';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '../action-form';
import { createTeamAction } from '../actions';
import { FieldError } from '@/components/ui/field-error';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage() {
  const user = await requireUser();
  const teams = await listTeams(user.id);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Teams</h1>
      <ActionForm action={createTeamAction} className="flex flex-wrap items-center gap-2">
        <Input name="name" placeholder="New team name" aria-label="New team name" className="max-w-xs" required />
        <Button type="submit">Create team</Button>
        <FieldError name="name" />
      </ActionForm>
      {teams.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-8 text-center text-stone-500">
          You are not in a team yet. Create one to share models, datasets and collections.
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
          {teams.map((t) => (
            <li key={t.id} className="flex items-center gap-3 px-4 py-3">
              <Link href={`/teams/${t.id}`} className="font-medium text-accent hover:underline">{t.name}</Link>
              <span className="text-xs text-stone-500">{t.members} member{t.members === 1 ? '' : 's'}</span>
              <span className="ml-auto rounded bg-stone-100 px-2 py-0.5 text-xs">{t.role === 'OWNER' ? 'Owner' : 'Member'}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
