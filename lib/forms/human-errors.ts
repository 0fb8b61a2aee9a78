// One way to turn a validation problem into words for people: which field (counted from 1, as
// the forms count: `sources.2.layers` is "Source 3 layers") and what is wrong with it (zod's
// built-in "Too big: expected number to be <=2" becomes "must be at most 2"). Route handlers
// answer with these messages and `details: [{ path, field, message }]`; forms show each one
// next to its field with <FieldError>. Pure: shared by server and browser.

export type FieldProblem = { path: string; field: string; message: string };

const LABELS: Record<string, string> = {
  psi: 'ψ',
  psiLayers: 'per-layer ψ',
  truncationCutoff: 'truncation cutoff',
  latentId: 'saved latent',
  modelId: 'model',
  checkpointId: 'checkpoint',
  layers: 'layers',
  seeds: 'seeds',
  seed: 'seed',
  noiseSeed: 'noise seed',
  noiseMode: 'noise',
  kimg: 'length (kimg)',
  fps: 'frames per second',
  durationSeconds: 'duration',
  keyframes: 'keyframe',
  // Fine-tune options: the form shows them without the "options" wrapper the API nests them in.
  options: '',
  batch: 'batch size',
  gamma: 'R1 γ',
  freezed: 'Freeze-D layers',
  aug: 'augmentation',
  target: 'ADA target',
  tick: 'report interval (kimg)',
  snap: 'snapshot interval (ticks)',
  datasetId: 'dataset',
  baseModelId: 'base model',
  spdxId: 'SPDX id',
  license: 'licence',
  customText: 'custom terms',
  rightsStatement: 'rights statement',
};

/** "sources" → "Source", "keyframes" → "Keyframe": the singular that names one entry of a list. */
function entryName(list: string) {
  const label = LABELS[list] ?? list.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const singular = label.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** A field path in words: ["sources", 2, "layers"] → "Source 3 layers". */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const words: string[] = [];
  path.forEach((part, i) => {
    if (typeof part === 'number') {
      const list = path[i - 1];
      if (typeof list === 'string' && words.length) words.pop();
      words.push(`${typeof list === 'string' ? entryName(list) : 'Item'} ${part + 1}`);
    } else {
      const key = String(part);
      const label = LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      if (label) words.push(label);
    }
  });
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type IssueLike = { code?: string; message: string; path: readonly PropertyKey[]; minimum?: unknown; maximum?: unknown; origin?: string; inclusive?: boolean; input?: unknown; expected?: string; values?: readonly unknown[] };

/** zod's built-in wording in plain words; a message written in a schema is kept as it is. */
export function plainMessage(issue: IssueLike): string {
  const builtIn = /^(Too big|Too small|Invalid input|Invalid option|Invalid string|Invalid number|Invalid element|Expected|Required)/.test(issue.message);
  if (!builtIn) return issue.message;
  const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' || issue.origin === 'set' ? ' entries' : '';
  switch (issue.code) {
    case 'too_big':
      return `must be at most ${issue.maximum}${unit}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'is required';
      return issue.inclusive === false ? `must be more than ${issue.minimum}${unit}` : `must be at least ${issue.minimum}${unit}`;
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return issue.expected === 'number' || issue.expected === 'int' ? 'must be a number' : `must be a ${issue.expected ?? 'valid value'}`;
    case 'invalid_value':
      return issue.values?.length ? `must be one of ${issue.values.map(String).join(', ')}` : 'is not one of the choices';
    default:
      return 'is not valid';
  }
}

/** Every problem with its field path, label and a sentence that starts with the field. */
export function fieldProblems(issues: readonly IssueLike[]): FieldProblem[] {
  return issues.map((issue) => {
    const message = plainMessage(issue);
    const field = fieldLabel(issue.path);
    // A schema's own message that already names the field ("Password must be …", "fps must be …",
    // "Collection name is required") stands alone.
    const key = String(issue.path.at(-1) ?? '').toLowerCase();
    const lower = message.toLowerCase();
    const named = lower.startsWith(field.toLowerCase()) || (!!field && lower.includes(field.toLowerCase())) || (key !== '' && Number.isNaN(Number(key)) && new RegExp(`\\b${key.replace(/[^a-z0-9]/g, '')}\\b`).test(lower));
    const sentence = !field || named ? message : message === issue.message ? `${field}: ${message}` : `${field} ${message}`;
    return { path: issue.path.map(String).join('.'), field, message: sentence };
  });
}

/** `details` of an API error as { path → message }, for forms that show each next to its field. */
export function errorsByField(details: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(details)) return out;
  for (const d of details) {
    if (d && typeof d.path === 'string' && typeof d.message === 'string' && !(d.path in out)) out[d.path] = d.message;
  }
  return out;
}

/** A server action's answer to input that does not parse: the first problem and every field's. */
export function invalidInput(issues: readonly IssueLike[]): { error: string; fields: Record<string, string> } {
  const problems = fieldProblems(issues);
  return { error: problems[0]?.message ?? 'Invalid input', fields: errorsByField(problems) };
}

/** Like invalidInput, for one field parsed on its own (its schema's problems have no path). */
export function invalidField(name: string, issues: readonly IssueLike[]): { error: string; fields: Record<string, string> } {
  return invalidInput(issues.map((issue) => ({ ...issue, path: [name, ...issue.path] })));
}
