'use client';
// Which project of its workspace a latent is kept in (PATCH /latents/:id {projectId}).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export function ProjectPicker({ latentId, projectId, projects }: { latentId: string; projectId: string | null; projects: { id: string; name: string }[] }) {
  const router = useRouter();
  const [value, setValue] = useState(projectId ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setMessage(null);
    const res = await fetch(`/api/v1/latents/${latentId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ projectId: value || null }),
    }).catch(() => null);
    const data = await res?.json().catch(() => null);
    setPending(false);
    if (!res?.ok) return setMessage({ ok: false, text: data?.error?.message ?? 'Could not move it' });
    setMessage({ ok: true, text: value ? 'Kept in that project' : 'Not in a project' });
    router.refresh();
  }

  return (
    <form onSubmit={save} className="flex flex-wrap items-center gap-2 text-sm" data-testid="latent-project">
      <label htmlFor="latent-project" className="text-stone-500">Project</label>
      <select id="latent-project" value={value} onChange={(e) => setValue(e.target.value)} className="rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm">
        <option value="">No project</option>
        {projects.map((p) => (
          <option key={p.id} value={p.id}>{p.name}</option>
        ))}
      </select>
      <Button type="submit" variant="secondary" disabled={pending}>Move</Button>
      {value && value === projectId && (
        <a href={`/projects/${value}`} className="text-accent hover:underline">Open project</a>
      )}
      {message && <p role={message.ok ? 'status' : 'alert'} className={`basis-full ${message.ok ? 'text-emerald-700' : 'text-red-600'}`}>{message.text}</p>}
    </form>
  );
}
