// One sentence for how a latent was truncated toward the average face, for every page that
// shows it (latent, provenance, mix sources): "Truncation ψ 0.7 on all layers", "No truncation
// (ψ 1)", or per layer group "ψ 1 (none) on layers 0–3, ψ 0.7 on layers 4–9". Layers count
// from 0, as the official code and the per-layer ψ editor do. Pure: shared by server and browser.

export type TruncationSettings = {
  psi?: number | null;
  /** Per-layer ψ (length num_ws); when given, it decides alone (as in the core). */
  psiLayers?: readonly number[] | null;
  /** ψ applies to layers [0, cutoff) only (official truncation_cutoff). */
  truncationCutoff?: number | null;
};

const num = (v: number) => String(+v.toFixed(2));
const psiWords = (v: number) => (v === 1 ? 'ψ 1 (none)' : `ψ ${num(v)}`);
const layers = (from: number, to: number) => (from === to ? `layer ${from}` : `layers ${from}–${to}`);

/** The per-layer ψ list the settings resolve to, or null when num_ws is unknown. */
function perLayer(s: TruncationSettings, numWs?: number): number[] | null {
  if (s.psiLayers && s.psiLayers.length) return s.psiLayers.map((v) => +v.toFixed(2));
  if (!numWs) return null;
  const psi = s.psi ?? 1;
  const cutoff = s.truncationCutoff ?? numWs;
  return Array.from({ length: numWs }, (_, i) => (i < cutoff ? psi : 1));
}

/** The one-line truncation summary. `numWs`: the model's number of w layers, when known. */
export function truncationSummary(s: TruncationSettings, numWs?: number): string {
  const values = perLayer(s, numWs);
  if (!values) {
    // Without the model's layer count: say the cutoff as given.
    const psi = s.psi ?? 1;
    if (psi === 1) return 'No truncation (ψ 1)';
    if (s.truncationCutoff == null) return `Truncation ψ ${num(psi)} on all layers`;
    if (s.truncationCutoff === 0) return 'No truncation (ψ 1)';
    return `ψ ${num(psi)} on ${layers(0, s.truncationCutoff - 1)}, ψ 1 (none) on the rest`;
  }
  const groups: { value: number; from: number; to: number }[] = [];
  values.forEach((value, i) => {
    const last = groups.at(-1);
    if (last && last.value === value) last.to = i;
    else groups.push({ value, from: i, to: i });
  });
  if (groups.length === 1) return groups[0]!.value === 1 ? 'No truncation (ψ 1)' : `Truncation ψ ${num(groups[0]!.value)} on all layers`;
  return groups.map((g) => `${psiWords(g.value)} on ${layers(g.from, g.to)}`).join(', ');
}
