// Is ffmpeg there? A worker without it does not take video jobs (they wait for one that has
// it), and a video job that still lands on such a worker fails with this message.
import { spawnSync } from 'node:child_process';
import { env } from '@/lib/env';

export function ffmpegPath() {
  return env().FFMPEG_PATH;
}

export function ffmpegMissing(): string | null {
  const res = spawnSync(ffmpegPath(), ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 10_000 });
  if (!res.error && res.status === 0) return null;
  return `ffmpeg is not installed on this worker (${ffmpegPath()}: ${res.error?.message ?? `exit ${res.status}`}); install it (apt-get install ffmpeg, or \`npm run up\` as root) or set FFMPEG_PATH`;
}
