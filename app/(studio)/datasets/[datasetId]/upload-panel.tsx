'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FileDrop } from '@/components/ui/file-drop';
import { UploadProgress, type UploadState } from '@/components/ui/upload-progress';
import { uploadWithProgress } from '@/lib/upload/upload-with-progress';

export type ReportFile = { name: string; status: 'accepted' | 'skipped'; code?: string; reason?: string; width?: number; height?: number };

/** Sends the chosen files in one streamed multipart request, with a real upload progress bar. */
export function UploadPanel({ datasetId }: { datasetId: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoneKey, setZoneKey] = useState(0);
  // The full report is the newest entry of the page's "Upload reports" (shown once, there).
  const [report, setReport] = useState<{ accepted: number; skipped: number } | null>(null);

  async function send() {
    const files = input.current?.files;
    if (!files || files.length === 0) return setError('Choose images or a zip first');
    const form = new FormData();
    for (const f of Array.from(files)) form.append('file', f, f.name);
    setError(null);
    setReport(null);
    setUpload({ loaded: 0, total: Array.from(files).reduce((n, f) => n + f.size, 0), phase: 'uploading' });
    try {
      const res = await uploadWithProgress(`/api/v1/datasets/${datasetId}/uploads`, form, {
        onProgress: (loaded, total) => setUpload({ loaded, total, phase: 'uploading' }),
        onSent: () => setUpload((u) => (u ? { ...u, loaded: u.total, phase: 'processing' } : u)),
      });
      const body = res.body as { error?: { message: string }; upload?: { accepted: number; skipped: number; files: ReportFile[] } } | null;
      if (res.status >= 400 || !body?.upload) return setError(body?.error?.message ?? `Upload failed (${res.status})`);
      setReport(body.upload);
      setZoneKey((k) => k + 1); // a fresh, empty file input
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setUpload(null);
    }
  }

  return (
    <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <p className="text-sm text-stone-600">PNG, JPEG or WebP images, or zips of them. Every file is checked; the report says what was skipped and why.</p>
      <FileDrop
        key={zoneKey}
        inputRef={input}
        multiple
        accept="image/png,image/jpeg,image/webp,.zip,application/zip"
        label="Drop images or zips here, or choose files"
        hint="Many files at once are fine"
        ariaLabel="Images or zip"
        testId="upload-input"
        disabled={upload !== null}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={send} disabled={upload !== null}>Upload</Button>
      </div>
      <UploadProgress state={upload} processingText="Checking and preparing images…" />
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
