'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';

export type ReportFile = { name: string; status: 'accepted' | 'skipped'; code?: string; reason?: string; width?: number; height?: number };

/** Sends the chosen files in one streamed multipart request, with a real upload progress bar. */
export function UploadPanel({ datasetId }: { datasetId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing'>('idle');
  const [error, setError] = useState<string | null>(null);
  // The full report is the newest entry of the page's "Upload reports" (shown once, there).
  const [report, setReport] = useState<{ accepted: number; skipped: number } | null>(null);

  function upload() {
    const files = input.current?.files;
    if (!files || files.length === 0) return setError('Choose images or a zip first');
    const form = new FormData();
    for (const f of Array.from(files)) form.append('file', f, f.name);
    setError(null);
    setReport(null);
    setPhase('uploading');
    setProgress(0);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/datasets/${datasetId}/uploads`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => {
      setProgress(1);
      setPhase('processing');
    };
    xhr.onload = () => {
      setPhase('idle');
      let body: { error?: { message: string }; upload?: { accepted: number; skipped: number; files: ReportFile[] } } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status >= 400 || !body.upload) return setError(body.error?.message ?? `Upload failed (${xhr.status})`);
      setReport(body.upload);
      if (input.current) input.current.value = '';
      router.refresh();
    };
    xhr.onerror = () => {
      setPhase('idle');
      setError('The upload was interrupted');
    };
    xhr.send(form);
  }

  return (
    <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <p className="text-sm text-stone-600">PNG, JPEG or WebP images, or zips of them. Every file is checked; the report says what was skipped and why.</p>
      <div className="flex flex-wrap items-center gap-3">
        <input ref={input} type="file" multiple accept="image/png,image/jpeg,image/webp,.zip,application/zip" aria-label="Images or zip" data-testid="upload-input" className="text-sm" />
        <Button type="button" onClick={upload} disabled={phase !== 'idle'}>Upload</Button>
      </div>
      {progress !== null && phase !== 'idle' && (
        <div className="space-y-1">
          <div className="h-2 w-full overflow-hidden rounded bg-stone-100" role="progressbar" aria-label="Upload progress" aria-valuenow={Math.round(progress * 100)} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-accent transition-all" style={{ width: `${Math.round(progress * 100)}%` }} />
          </div>
          <p className="text-xs text-stone-500">{phase === 'uploading' ? `Uploading… ${Math.round(progress * 100)} %` : 'Checking and preparing images…'}</p>
        </div>
      )}
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
      {report && (
        <p role="status" className="text-sm font-medium" data-testid="upload-summary">
          Uploaded: {report.accepted} accepted, {report.skipped} skipped{report.skipped ? ' (the report below says why)' : ''}.
        </p>
      )}
    </div>
  );
}

export function UploadReportTable({ files }: { files: ReportFile[] }) {
  const skipped = files.filter((f) => f.status === 'skipped');
  return (
    <div className="mt-2 max-h-72 overflow-auto">
      <div className="overflow-x-auto" data-table-scroll><table className="w-full text-left text-xs">
        <tbody>
          {skipped.map((f) => (
            <tr key={f.name} className="border-t border-stone-100" data-testid="skipped-file">
              <td className="py-1 pr-3 font-mono">{f.name}</td>
              <td className="py-1 text-red-700">{f.reason}</td>
            </tr>
          ))}
          {files.length > skipped.length && (
            <tr className="border-t border-stone-100">
              <td className="py-1 pr-3 text-stone-500" colSpan={2}>
                {files.length - skipped.length} accepted{skipped.length === 0 ? ' — nothing skipped' : ''}
              </td>
            </tr>
          )}
        </tbody>
      </table></div>
    </div>
  );
}
