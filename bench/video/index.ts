/**
 * Interpolation-video throughput: frames per second rendered (mapping + synthesis, constant
 * noise) and total wall time (render + PNG + ffmpeg MP4/WebM/GIF) for a 150-frame video,
 * through the same pipeline the video job uses (lib/videos/render-video.ts).
 *
 *   node --import tsx bench/video/index.ts [--sizes=64,256] [--batch=8] [--backend=wasm] [--cbase=8192] [--cmax=256]
 *
 * Generators are random-init (official-style init; speed does not depend on the weights):
 * z = w = 512, 8 mapping layers, conv_clamp 256, channel_base 8192 and channel_max 256 —
 * half the widths of the official paper256 config (a quarter of its FLOPs; pass
 * --cbase=16384 --cmax=512 for paper256 itself). The video: 3 keyframes
 * (seeds 1–3), Z space, spline easing, looping, 2 s per transition at 25 fps = 150 frames,
 * encoded at the model's resolution.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { initBackend, type BackendChoice } from '../../lib/stylegan/backend';
import { Generator } from '../../lib/stylegan/generator';
import { seedsToZ } from '../../lib/stylegan/synthesize';
import { coreRenderBatch } from '../../lib/videos/core-renderer';
import { probeVideo } from '../../lib/videos/probe';
import { renderVideo } from '../../lib/videos/render-video';

function arg(name: string, fallback: string) {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
}

async function main() {
  const sizes = arg('sizes', '64,256').split(',').map(Number);
  const batchSize = Number(arg('batch', '8'));
  const channelBase = Number(arg('cbase', '8192'));
  const channelMax = Number(arg('cmax', '256'));
  const backend = await initBackend({ backend: arg('backend', 'wasm') as BackendChoice, quiet: true });
  const rows: string[] = [];
  for (const size of sizes) {
    const G = Generator.init(
      {
        z_dim: 512,
        w_dim: 512,
        img_resolution: size,
        img_channels: 3,
        mapping_kwargs: { num_layers: 8 },
        synthesis_kwargs: { channel_base: channelBase, channel_max: channelMax, conv_clamp: 256 },
      },
      1,
    );
    const dir = await mkdtemp(path.join(os.tmpdir(), `bench-video-${size}-`));
    try {
      const render = coreRenderBatch(G);
      await render({ space: 'z', latents: [seedsToZ([0], 512)] }); // warm-up (kernel setup, derived-weight cache)
      const out = await renderVideo({
        keyframes: [1, 2, 3].map((s) => seedsToZ([s], 512)),
        keyframeCount: 3,
        space: 'z',
        easing: 'spline',
        loop: true,
        secondsPerTransition: 2,
        fps: 25,
        outputSize: size,
        batchSize,
        renderBatch: render,
        outDir: dir,
        onProgress: (done, total) => void process.stderr.write(`\r${size} px: ${done}/${total} frames`),
      });
      process.stderr.write('\n');
      const probe = await probeVideo(out.mp4);
      if (probe.frames !== 150) throw new Error(`expected 150 frames in the MP4, ffprobe counted ${probe.frames}`);
      rows.push(
        `| ${size} px | ${out.frames} | ${(out.frames / out.renderSeconds).toFixed(2)} | ${out.renderSeconds.toFixed(1)} s | ${(out.totalSeconds - out.renderSeconds).toFixed(1)} s | ${out.totalSeconds.toFixed(1)} s | ${probe.codec} ${probe.frames} frames, ${probe.durationSec.toFixed(2)} s |`,
      );
    } finally {
      G.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  }
  console.log(`channel_base ${channelBase}, channel_max ${channelMax}; backend ${backend.choice}${backend.choice === 'wasm' ? ` (simd=${backend.simd})` : ''}, batch ${batchSize}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
  console.log('| size | frames | frames/s rendered | render time | PNG + encode overhead | total | MP4 (ffprobe) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
