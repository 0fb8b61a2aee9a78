/**
 * Small dense linear algebra in float64 for the direction methods: a symmetric
 * eigendecomposition (cyclic Jacobi rotations) and helpers. Matrices are
 * row-major Float64Array of n×n. w_dim is at most 512 here, where Jacobi
 * converges in a handful of sweeps and is accurate to machine precision.
 */

export interface SymmetricEigen {
  /** eigenvalues, largest first */
  values: Float64Array;
  /** eigenvectors as rows [n, n] (row i belongs to values[i]), unit length */
  vectors: Float64Array;
}

/** Eigen-decomposition of a symmetric matrix A (row-major n×n); A is not modified. */
export function symmetricEigen(matrix: ArrayLike<number>, n: number, opts: { maxSweeps?: number } = {}): SymmetricEigen {
  if (matrix.length !== n * n) throw new Error(`symmetricEigen: expected ${n}×${n} values, got ${matrix.length}`);
  const a = Float64Array.from(matrix);
  // V holds eigenvectors as columns while rotating; transposed at the end.
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  const maxSweeps = opts.maxSweeps ?? 60;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  const tiny = Number.EPSILON * Number.EPSILON * Math.max(total, 1e-300);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= tiny) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq * apq <= tiny / (n * n)) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A ← Jᵀ A J on rows/columns p and q
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((col, row) => {
    values[row] = a[col * n + col];
    for (let k = 0; k < n; k++) vectors[row * n + k] = v[k * n + col];
  });
  return { values, vectors };
}

/** Gram matrix M·Mᵀ of a row-major [rows, cols] matrix, as float64 [rows, rows]. */
export function gram(m: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * rows);
  for (let i = 0; i < rows; i++) {
    for (let j = i; j < rows; j++) {
      let s = 0;
      for (let k = 0; k < cols; k++) s += m[i * cols + k] * m[j * cols + k];
      out[i * rows + j] = s;
      out[j * rows + i] = s;
    }
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Each vector's sign flipped so that its largest-magnitude entry is positive (a stable, sign-free convention). */
export function canonicalSign(vectors: Float64Array, k: number, n: number): void {
  for (let i = 0; i < k; i++) {
    let best = 0;
    for (let j = 1; j < n; j++) if (Math.abs(vectors[i * n + j]) > Math.abs(vectors[i * n + best])) best = j;
    if (vectors[i * n + best] < 0) for (let j = 0; j < n; j++) vectors[i * n + j] = -vectors[i * n + j];
  }
}
