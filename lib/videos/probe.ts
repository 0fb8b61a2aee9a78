// ffprobe, for checking what the encoder wrote (tests, and the worker's final record of
// frame count and duration).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type ProbeResult = {
  codec: string;
  pixelFormat: string | null;
  width: number;
  height: number;
  /** frames actually decoded (`-count_frames`), not the container's estimate */
  frames: number;
  durationSec: number;
  formatName: string;
};

export async function probeVideo(file: string, ffprobePath = 'ffprobe'): Promise<ProbeResult> {
  const { stdout } = await run(ffprobePath, [
    '-v', 'error', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,pix_fmt,width,height,nb_read_frames:format=duration,format_name',
    '-of', 'json', file,
  ]);
  const info = JSON.parse(stdout) as {
    streams?: { codec_name: string; pix_fmt?: string; width: number; height: number; nb_read_frames?: string }[];
    format?: { duration?: string; format_name: string };
  };
  const s = info.streams?.[0];
  if (!s) throw new Error(`${file} has no video stream`);
  return {
    codec: s.codec_name,
    pixelFormat: s.pix_fmt ?? null,
    width: s.width,
    height: s.height,
    frames: Number(s.nb_read_frames ?? 0),
    durationSec: Number(info.format?.duration ?? 0),
    formatName: info.format?.format_name ?? '',
  };
}
