'use client';
// One way to show that work could not be done: the error in words, what to do about it, and a
// Retry where trying again can help. A used-up quota says how to get more instead of a Retry
// (trying again cannot help until the quota is raised or the month resets).
import Link from 'next/link';
import { Button } from '@/components/ui/button';

export function JobErrorNotice({ message, code, onRetry, retryLabel = 'Retry', testId, busy }: { message: string; code?: string; onRetry?: () => void; retryLabel?: string; testId?: string; busy?: boolean }) {
  const quota = code === 'quota_exceeded' || /quota of .* used up/i.test(message);
  return (
    <div role="alert" data-testid={testId} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="min-w-0 flex-1 basis-64">
        {message}
        {quota && (
          <span className="block text-red-700" data-testid="quota-help">
            Nothing more can be rendered until then. Ask an administrator to raise the quota, or wait for the reset; your usage is on{' '}
            <Link href="/settings" className="underline">Settings</Link>.
          </span>
        )}
      </p>
      {onRetry && !quota && (
        <Button variant="secondary" onClick={onRetry} disabled={busy} className="shrink-0">
          {retryLabel}
        </Button>
      )}
    </div>
  );
}
