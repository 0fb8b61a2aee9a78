import sharp from 'sharp';
import { mapWithConcurrency } from './concurrency';
import { datasetFaceSeed } from './face-seeds';
import { DEFAULT_FACE_SIZE, renderFace } from './render-face';

/** Tiles equally sized square PNGs into one PNG, row by row. */
export async function tilePngs(tiles: Buffer[], tileSize: number, columns: number): Promise<Buffer> {
  const rows = Math.ceil(tiles.length / columns);
  return sharp({ create: { width: columns * tileSize, height: rows * tileSize, channels: 3, background: '#ffffff' } })
    .composite(tiles.map((input, i) => ({ input, left: (i % columns) * tileSize, top: Math.floor(i / columns) * tileSize })))
    .png({ compressionLevel: 9, adaptiveFiltering: false })
    .toBuffer();
}

/** An 8×8 sheet of the first 64 faces of the dataset with this seed (the same faces as 00000000.png …). */
export async function renderContactSheet({ seed = 0, size = DEFAULT_FACE_SIZE, columns = 8, rows = 8 } = {}): Promise<Buffer> {
  const tiles = await mapWithConcurrency(columns * rows, 4, async (i) => (await renderFace(datasetFaceSeed(seed, i), { size })).png);
  return tilePngs(tiles, size, columns);
}
