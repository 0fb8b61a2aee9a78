'use client';
import { formatBytes } from '@/components/ui/file-drop';

export type UploadState = { loaded: number; total: number; phase: 'uploading' | 'processing' };

/** The progress bar every upload shows: bytes sent while sending, then what the server is doing. */
export function UploadProgress({ state, processingText = 'Uploaded; the server is checking the file…' }: { state: UploadState | null; processingText?: string }) {
  if (!state) return null;
  const pct = state.total > 0 ? Math.min(100, Math.round((state.loaded / state.total) * 100)) : state.phase === 'processing' ? 100 : 0;
  return (
    <div className="w-full space-y-1" data-testid="upload-progress" data-phase={state.phase}>
      <div className="h-2 w-full overflow-hidden rounded bg-stone-100" role="progressbar" aria-label="Upload progress" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className={`h-full bg-accent transition-all ${state.phase === 'processing' ? 'animate-pulse' : ''}`} style={{ width: `${pct}%` }} />
      </div>
      <p className="text-xs text-stone-500">
        {state.phase === 'uploading' ? `Uploading… ${pct} % (${formatBytes(state.loaded)} of ${formatBytes(state.total)})` : processingText}
      </p>
    </div>
  );
}
