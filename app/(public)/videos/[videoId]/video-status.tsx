'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { apiJson } from '@/components/jobs/job-client';
import { JobErrorNotice } from '@/components/jobs/job-error-notice';
import type { VideoView } from '@/lib/videos/videos';

const finished = (state?: string) => state === 'COMPLETED' || state === 'FAILED' || state === 'CANCELLED';

/** Follows the render (progress, cancel) and then plays the video. */
export function VideoStatus({ initial }: { initial: VideoView }) {
  const [video, setVideo] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const state = video.job?.state;

  useEffect(() => {
    if (finished(state) && video.files) return;
    if (finished(state) && state !== 'COMPLETED') return;
    const timer = setInterval(async () => {
      try {
        setVideo((await apiJson(`/api/v1/videos/${video.id}`)).video);
      } catch (err) {
        setError((err as Error).message);
      }
    }, 500);
    return () => clearInterval(timer);
  }, [state, video.files, video.id]);

  // A failed or cancelled render runs again as a new attempt of the same job.
  async function retry() {
    if (!video.job) return;
    setError(null);
    try {
      await apiJson(`/api/v1/jobs/${video.job.id}/retry`, {});
      setVideo((await apiJson(`/api/v1/videos/${video.id}`)).video);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function cancel() {
    try {
      setVideo((await apiJson(`/api/v1/videos/${video.id}/cancel`, {})).video);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (video.files) {
    return (
      <div className="space-y-3">
        <video controls loop={video.settings.loop} preload="metadata" data-testid="video-player" className="w-full max-w-xl rounded-lg border border-stone-200 bg-black" poster={video.files.preview ?? undefined}>
          <source src={video.files.webm} type="video/webm" />
          <source src={video.files.mp4} type="video/mp4" />
        </video>
        <p className="flex flex-wrap gap-4 text-sm">
          <a className="text-accent hover:underline" href={video.files.mp4Download} download>Download MP4 (H.264)</a>
          <a className="text-accent hover:underline" href={video.files.webmDownload} download>Download WebM (VP9)</a>
          {video.files.preview && <a className="text-accent hover:underline" href={video.files.preview} download>GIF preview</a>}
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl space-y-3 rounded-lg border border-stone-200 bg-white p-4" data-testid="video-progress">
      {state === 'FAILED' || state === 'CANCELLED' ? (
        <JobErrorNotice
          testId="video-failed"
          message={state === 'FAILED' ? `Rendering failed: ${video.job?.error ?? 'no reason recorded'}` : 'The render was cancelled.'}
          onRetry={video.canEdit ? retry : undefined}
          retryLabel="Render again"
        />
      ) : (
        <p className="text-sm font-medium">{state === 'QUEUED' ? 'Waiting for a worker…' : 'Rendering…'}</p>
      )}
      {state !== 'FAILED' && state !== 'CANCELLED' && (
        <>
          <div className="h-2 overflow-hidden rounded bg-stone-100">
            <div className="h-full bg-accent transition-all" style={{ width: `${Math.round((video.job?.progress ?? 0) * 100)}%` }} />
          </div>
          <p className="text-xs text-stone-500">{video.job?.message ?? ''}</p>
        </>
      )}
      {video.canEdit && !finished(state) && <Button variant="danger" onClick={cancel}>Cancel render</Button>}
      {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
    </div>
  );
}
