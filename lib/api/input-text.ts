// Text that Postgres (UTF-8) cannot store, and that no user types on purpose: NUL (U+0000),
// and lone UTF-16 surrogates (JavaScript strings can hold them; UTF-8 cannot). Checked once, at
// the edge where input is parsed (lib/api/with-auth.ts), for bodies, path params and queries.

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const INVALID_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isInvalidText(s: string): boolean {
  return INVALID_TEXT.test(s);
}

const MAX_DEPTH = 64;

/** The path of the first string (or object key) in `value` that holds invalid text, or null. */
export function findInvalidText(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isInvalidText(value) ? path.join('.') || '(value)' : null;
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH) return path.join('.') || '(value)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findInvalidText(value[i], [...path, String(i)], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    if (isInvalidText(key)) return [...path, '(key)'].join('.');
    const found = findInvalidText(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Decodes a percent-encoded URL component; null when it is not valid UTF-8. */
export function safeDecode(component: string): string | null {
  try {
    return decodeURIComponent(component);
  } catch {
    return null;
  }
}
