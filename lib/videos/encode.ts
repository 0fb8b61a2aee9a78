// Encodes a stream of PNG frames with one ffmpeg process into every format a video page
// needs: MP4 (H.264, yuv420p, moov atom first so browsers start playing before the end
// arrives), WebM (VP9) and a small looping GIF preview. Frames are piped as they are
// rendered (`-f image2pipe -c:v png -i -`), so the worker never holds a whole video.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export type EncodeOptions = {
  fps: number;
  /** Output width and height in pixels (frames are scaled to it; must be even). */
  outputSize: number;
  /** Folder the three files are written to (the caller creates and removes it). */
  outDir: string;
  /** Preview GIF: at most this many pixels wide and this many frames per second. */
  previewMaxSize?: number;
  previewMaxFps?: number;
  /** Kills ffmpeg and rejects writeFrame/finish when aborted. */
  signal?: AbortSignal;
  ffmpegPath?: string;
};

export type EncodedFiles = { mp4: string; webm: string; gif: string; frames: number };

export class EncodeError extends Error {}

/** The ffmpeg arguments: one decoded input, split three ways. Exported for tests and docs. */
export function ffmpegArgs(opts: EncodeOptions): string[] {
  if (!(opts.fps > 0)) throw new EncodeError('fps must be greater than 0');
  if (!Number.isInteger(opts.outputSize) || opts.outputSize < 16 || opts.outputSize % 2 !== 0) {
    throw new EncodeError('output size must be an even number of pixels, at least 16');
  }
  const size = opts.outputSize;
  const gifSize = Math.min(size, opts.previewMaxSize ?? 160);
  const gifFps = Math.min(opts.fps, opts.previewMaxFps ?? 12);
  const filter = [
    `[0:v]scale=${size}:${size}:flags=lanczos,split=3[mp4][webm][g]`,
    `[g]fps=${gifFps},scale=${gifSize}:-2:flags=lanczos,split[g1][g2]`,
    `[g1]palettegen=max_colors=128:stats_mode=diff[pal]`,
    `[g2][pal]paletteuse=dither=bayer:bayer_scale=3[gif]`,
  ].join(';');
  return [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'image2pipe', '-c:v', 'png', '-framerate', String(opts.fps), '-i', '-',
    '-filter_complex', filter,
    '-map', '[mp4]', '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p',
    '-movflags', '+faststart', '-r', String(opts.fps), path.join(opts.outDir, 'video.mp4'),
    '-map', '[webm]', '-c:v', 'libvpx-vp9', '-pix_fmt', 'yuv420p', '-b:v', '0', '-crf', '32',
    '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-r', String(opts.fps), path.join(opts.outDir, 'video.webm'),
    '-map', '[gif]', '-loop', '0', path.join(opts.outDir, 'preview.gif'),
  ];
}

/** Feed PNG frames with writeFrame (it waits when ffmpeg is behind), then finish(). */
export class VideoEncoder {
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;
  private stderr = '';
  private frames = 0;
  private failure: Error | null = null;

  constructor(private readonly opts: EncodeOptions) {
    const args = ffmpegArgs(opts);
    this.proc = spawn(opts.ffmpegPath ?? 'ffmpeg', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 8000) this.stderr += d.toString();
    });
    this.proc.stdout.resume();
    // EPIPE when ffmpeg dies early: the exit code carries the real reason.
    this.proc.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.proc.on('error', (err) => {
        this.failure = new EncodeError(`could not start ffmpeg: ${err.message}`);
        resolve(null);
      });
      this.proc.on('close', (code) => resolve(code));
    });
    opts.signal?.addEventListener('abort', () => this.abort(), { once: true });
  }

  get framesWritten() {
    return this.frames;
  }

  async writeFrame(png: Buffer): Promise<void> {
    this.throwIfStopped();
    this.frames++;
    if (!this.proc.stdin.write(png)) {
      await Promise.race([once(this.proc.stdin, 'drain'), this.exited]);
      this.throwIfStopped();
    }
  }

  async finish(): Promise<EncodedFiles> {
    this.throwIfStopped();
    if (this.frames === 0) {
      this.abort();
      throw new EncodeError('no frames to encode');
    }
    this.proc.stdin.end();
    const code = await this.exited;
    if (this.failure) throw this.failure;
    if (code !== 0) throw new EncodeError(`ffmpeg exited with ${code}: ${this.stderr.trim().slice(-2000)}`);
    const dir = this.opts.outDir;
    return { mp4: path.join(dir, 'video.mp4'), webm: path.join(dir, 'video.webm'), gif: path.join(dir, 'preview.gif'), frames: this.frames };
  }

  /** Stops ffmpeg at once; partial files are left for the caller to remove with outDir. */
  abort() {
    if (!this.failure) this.failure = new EncodeError('encoding was cancelled');
    if (this.proc.exitCode === null && !this.proc.killed) this.proc.kill('SIGKILL');
  }

  private throwIfStopped() {
    if (this.failure) throw this.failure;
    if (this.proc.exitCode !== null) throw new EncodeError(`ffmpeg stopped early (${this.proc.exitCode}): ${this.stderr.trim().slice(-2000)}`);
  }
}
