'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { FieldError } from '@/components/ui/field-error';
import { errorsByField } from '@/lib/forms/human-errors';

type Known = { spdxId: string; name: string; commercialUse: boolean };

export function LicenceForm({ datasetId, known }: { datasetId: string; known: Known[] }) {
  const router = useRouter();
  const [kind, setKind] = useState<string>(known[0]?.spdxId ?? 'custom');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const selected = known.find((k) => k.spdxId === kind);

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const body = {
      ...(kind === 'custom' ? { customText: d.get('customText') } : kind === 'other' ? { spdxId: d.get('spdxId') } : { spdxId: kind }),
      commercialUse: d.get('commercialUse') === 'on',
      attribution: d.get('attribution') ?? '',
      rightsStatement: d.get('rightsStatement') === 'on' ? true : false,
    };
    setError(null);
    setFields({});
    setSaved(null);
    const res = await fetch(`/api/v1/datasets/${datasetId}/licence`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) {
      setFields(errorsByField(json.error?.details));
      return setError(json.error?.message ?? 'Could not save the licence');
    }
    setSaved(json.dataset.reviewStatus === 'PENDING' ? 'Saved. These terms will be reviewed by an administrator.' : 'Saved.');
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-3 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2">
      <Field label="Licence">
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label="Licence" className="w-full rounded-md border border-stone-300 bg-white px-2 py-2 text-sm">
          {known.map((k) => (
            <option key={k.spdxId} value={k.spdxId}>{k.spdxId} — {k.name}</option>
          ))}
          <option value="other">Other SPDX id…</option>
          <option value="custom">Custom terms…</option>
        </select>
      </Field>
      {kind === 'other' && (
        <Field label="SPDX id"><Input name="spdxId" placeholder="e.g. CC-BY-3.0" required /><FieldError errors={fields} name="spdxId" /></Field>
      )}
      <Field label="Attribution" hint="Whom to credit, as the licence asks">
        <Input name="attribution" placeholder="e.g. Photos by the Studio Team" aria-label="Attribution" />
        <FieldError errors={fields} name="attribution" />
      </Field>
      {kind === 'custom' && (
        <div className="sm:col-span-2">
          <Field label="Terms">
            <textarea name="customText" required minLength={20} rows={4} aria-label="Custom terms" className="w-full rounded-md border border-stone-300 p-2 text-sm" />
            <FieldError errors={fields} name="customText" />
          </Field>
        </div>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="commercialUse" defaultChecked={selected?.commercialUse ?? false} key={kind} disabled={selected ? !selected.commercialUse : false} />
        Commercial use allowed
      </label>
      <label className="flex items-start gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="rightsStatement" required aria-label="I hold the rights" />
        I hold the rights to these images, or have permission to use them to train models under these terms.
      </label>
      <div className="sm:col-span-2"><FieldError errors={fields} name="rightsStatement" /></div>
      <div className="sm:col-span-2">
        <Button type="submit">Declare licence</Button>
        {error && !Object.keys(fields).length && <p role="alert" className="mt-2 text-sm text-red-600">{error}</p>}
        {saved && <p role="status" className="mt-2 text-sm text-emerald-700">{saved}</p>}
      </div>
    </form>
  );
}
