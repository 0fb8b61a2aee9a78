'use client';
// A failed job's error with a Retry that runs it again (POST /jobs/:id/retry) and then reloads
// the page's data; for server components, which cannot hand a function to <JobErrorNotice>.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { JobErrorNotice } from '@/components/jobs/job-error-notice';

export function RetryJobNotice({ jobId, message, canRetry, retryLabel, testId }: { jobId: string; message: string; canRetry: boolean; retryLabel?: string; testId?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function retry() {
    setBusy(true);
    setError(null);
    const res = await fetch(`/api/v1/jobs/${jobId}/retry`, { method: 'POST' });
    if (!res.ok) {
      setError((await res.json().catch(() => null))?.error?.message ?? `Could not retry (${res.status})`);
      setBusy(false);
      return;
    }
    router.refresh();
  }
  return (
    <div className="space-y-1">
      <JobErrorNotice message={message} onRetry={canRetry ? retry : undefined} retryLabel={retryLabel} testId={testId} busy={busy} />
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}
