import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FACES_USAGE, FacesUsageError, parseFacesArgs } from './cli-args';
import { renderContactSheet } from './contact-sheet';
import { writeFaceDataset } from './write-face-dataset';

async function main(argv: string[]): Promise<number> {
  let options;
  try {
    options = parseFacesArgs(argv);
  } catch (error) {
    if (!(error instanceof FacesUsageError)) throw error;
    process.stderr.write(`faces: ${error.message}\n\n${FACES_USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${FACES_USAGE}\n`);
    return 0;
  }
  const started = Date.now();
  if (options.outDir !== undefined && options.count !== undefined) {
    const { count, attributesFile } = await writeFaceDataset({
      outDir: options.outDir,
      count: options.count,
      seed: options.seed,
      size: options.size,
      onProgress: (done, total) => {
        if (process.stderr.isTTY && (done % 200 === 0 || done === total)) process.stderr.write(`\r${done}/${total}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stdout.write(`wrote ${count} faces (${options.size} px, seed ${options.seed}) and ${attributesFile} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  if (options.gridFile !== undefined) {
    await mkdir(path.dirname(path.resolve(options.gridFile)), { recursive: true });
    await writeFile(options.gridFile, await renderContactSheet({ seed: options.seed, size: options.size }));
    process.stdout.write(`wrote 8×8 contact sheet ${options.gridFile}\n`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`faces: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
