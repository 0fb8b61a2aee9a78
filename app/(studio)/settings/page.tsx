import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/current-user';
import { listTokens } from '@/lib/tokens/tokens';
import { myQuotas } from '@/lib/usage/gpu-quota';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { ActionForm } from '../action-form';
import { createTokenAction, revokeTokenAction } from '../actions';
import { FieldError } from '@/components/ui/field-error';
import { DeleteAccountForm, PasswordForm, ProfileForm } from './account-forms';

export const metadata: Metadata = { title: 'Account settings' };

export default async function SettingsPage() {
  const user = await requireUser();
  const [tokens, quotas] = await Promise.all([listTokens(user.id), myQuotas(user.id)]);
  const seconds = (s: number) => `${Math.round(s * 10) / 10} s`;
  const quotaLine = (q: { usedSeconds: number; quotaSeconds: number | null; exceeded: boolean }) =>
    `${seconds(q.usedSeconds)} used of ${q.quotaSeconds === null ? 'unlimited' : seconds(q.quotaSeconds)}${q.exceeded ? ' — used up' : ''}`;
  return (
    <div className="max-w-3xl space-y-8">
      <h1 className="text-2xl font-semibold">Account settings</h1>
      <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">Profile</h2>
          <span className="text-sm text-stone-500">{user.role === 'ADMIN' ? 'Administrator' : 'Member'}</span>
        </div>
        <ProfileForm name={user.name} email={user.email} />
      </section>
      <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="font-semibold">Password</h2>
        <PasswordForm />
      </section>
      <section className="space-y-2 rounded-lg border border-stone-200 bg-white p-5" data-testid="gpu-quota">
        <h2 className="font-semibold">GPU quota this month</h2>
        <p className="text-sm text-stone-600">
          Rendering and training time on GPU workers counts against a monthly quota; it resets on {quotas.user.resetsAt.toISOString().slice(0, 10)} (UTC).
        </p>
        <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
          <dt className="text-stone-500">You</dt>
          <dd className={quotas.user.exceeded ? 'text-red-600' : ''} data-testid="gpu-quota-user">{quotaLine(quotas.user)}</dd>
          {quotas.teams.map((t) => (
            <div key={t.team.id} className="contents">
              <dt className="text-stone-500">{t.team.name}</dt>
              <dd className={t.exceeded ? 'text-red-600' : ''}>{quotaLine(t)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
        <h2 className="font-semibold">API tokens</h2>
        <p className="text-sm text-stone-600">
          Use a token as <code className="rounded bg-stone-100 px-1">Authorization: Bearer &lt;token&gt;</code> with the API under{' '}
          <code className="rounded bg-stone-100 px-1">/api/v1</code>. A token is shown once, when you create it.
        </p>
        <ActionForm action={createTokenAction} className="flex flex-wrap items-center gap-2" resetOnSuccess={false}>
          <Input name="name" placeholder="Token name, e.g. laptop" aria-label="Token name" className="max-w-xs" required />
          <Button type="submit">Create token</Button>
          <FieldError name="name" />
        </ActionForm>
        {tokens.length === 0 ? (
          <p className="text-sm text-stone-500">No active tokens.</p>
        ) : (
          <ul className="divide-y divide-stone-200 text-sm" data-testid="token-list">
            {tokens.map((t) => (
              <li key={t.id} className="flex items-center gap-3 py-2">
                <span className="font-medium">{t.name}</span>
                <code className="text-xs text-stone-500">{t.prefix}…</code>
                <span className="text-xs text-stone-500">
                  created {t.createdAt.toISOString().slice(0, 10)}
                  {t.lastUsedAt ? `, last used ${t.lastUsedAt.toISOString().slice(0, 10)}` : ', never used'}
                </span>
                <form action={revokeTokenAction} className="ml-auto">
                  <input type="hidden" name="tokenId" value={t.id} />
                  <Button variant="danger" type="submit">Revoke</Button>
                </form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="space-y-3 rounded-lg border border-red-200 bg-white p-5" data-testid="delete-account">
        <h2 className="font-semibold text-red-700">Delete my account</h2>
        <ul className="list-disc space-y-1 pl-5 text-sm text-stone-700">
          <li>Your personal work is deleted, <strong>public items included</strong>: latents, mixes, videos, collections (they leave the gallery), datasets, training runs, projects and API tokens.</li>
          <li>Work in a team stays with the team: it passes to another member.</li>
          <li>Models you made public or unlisted stay available to others, without your name; your private models are deleted.</li>
        </ul>
        <p className="text-sm text-stone-600">This cannot be undone.</p>
        <DeleteAccountForm email={user.email} />
      </section>
    </div>
  );
}
