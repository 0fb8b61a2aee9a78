import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/current-user';
import { ApiError } from '@/lib/api/errors';
import { getTeam } from '@/lib/teams/teams';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '../../action-form';
import { addMemberAction } from '../../actions';
import { FieldError } from '@/components/ui/field-error';

export default async function TeamPage({ params }: { params: Promise<{ teamId: string }> }) {
  const user = await requireUser();
  const { teamId } = await params;
  const team = await getTeam(user.id, teamId).catch((err) => {
    if (err instanceof ApiError && err.code === 'not_found') notFound();
    throw err;
  });
  const isOwner = team.members.some((m) => m.id === user.id && m.role === 'OWNER');
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">{team.name}</h1>
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="member-list">
        {team.members.map((m) => (
          <li key={m.id} className="flex items-center gap-3 px-4 py-2 text-sm">
            <span className="font-medium">{m.name}</span>
            <span className="text-stone-500">{m.email}</span>
            <span className="ml-auto rounded bg-stone-100 px-2 py-0.5 text-xs">{m.role === 'OWNER' ? 'Owner' : 'Member'}</span>
          </li>
        ))}
      </ul>
      {isOwner && (
        <ActionForm action={addMemberAction} className="flex flex-wrap items-center gap-2">
          <input type="hidden" name="teamId" value={team.id} />
          <Input name="email" type="email" placeholder="member@example.com" aria-label="Member email" className="max-w-xs" required />
          <select name="role" aria-label="Role" className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
            <option value="MEMBER">Member</option>
            <option value="OWNER">Owner</option>
          </select>
          <Button type="submit">Add member</Button>
          <FieldError name="email" />
          <FieldError name="role" />
        </ActionForm>
      )}
    </div>
  );
}
