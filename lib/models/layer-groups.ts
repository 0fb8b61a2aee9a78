// Per-layer truncation in the explorer: ψ for coarse (4–8 px), middle (16–32 px) and fine
// (64 px and up) layers, mapped to ws indices. Pure, shared by the page and the services.

export type LayerGroup = 'coarse' | 'middle' | 'fine';
export type GroupPsi = Record<LayerGroup, number>;

/**
 * The resolution of the synthesis block that reads ws[index]: the 4×4 block reads ws[0];
 * each later block reads two (conv0, conv1) and its toRGB the one after, shared with the
 * next block's conv0 — so index k feeds 2^(⌊(k+1)/2⌋+2) px, the last one the output size.
 */
export function wsResolution(index: number, imgResolution: number): number {
  return Math.min(2 ** (Math.floor((index + 1) / 2) + 2), imgResolution);
}

export function layerGroup(resolution: number): LayerGroup {
  if (resolution <= 8) return 'coarse';
  if (resolution <= 32) return 'middle';
  return 'fine';
}

export function numWsForResolution(imgResolution: number): number {
  return 2 * Math.log2(imgResolution) - 2;
}

/** ws index → group, for a model of this output resolution. */
export function layerGroups(imgResolution: number): LayerGroup[] {
  return Array.from({ length: numWsForResolution(imgResolution) }, (_, i) => layerGroup(wsResolution(i, imgResolution)));
}

/** The per-layer ψ list (length num_ws) for group values. */
export function psiLayersFor(imgResolution: number, psi: GroupPsi): number[] {
  return layerGroups(imgResolution).map((g) => psi[g]);
}

/** Which groups a model has at all (a 32 px model has no fine layers). */
export function groupsPresent(imgResolution: number): Set<LayerGroup> {
  return new Set(layerGroups(imgResolution));
}
