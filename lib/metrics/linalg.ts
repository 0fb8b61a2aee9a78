// Dense float64 linear algebra for the metrics: feature statistics and the symmetric
// eigendecomposition FID's matrix square root needs. Matrices are row-major Float64Arrays.
// The eigensolver is the classic Householder tridiagonalisation + implicit QL (EISPACK
// tred2/tql2, as in JAMA): O(n³), stable, no dependencies.

export type Stats = { dim: number; count: number; mean: Float64Array; cov: Float64Array };

/** Mean and unbiased covariance (divided by n − 1, as numpy's np.cov) of n feature rows. */
export function featureStats(features: ArrayLike<number>, count: number, dim: number): Stats {
  if (count < 2) throw new RangeError('statistics need at least 2 feature rows');
  const mean = new Float64Array(dim);
  for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) mean[j] += features[i * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= count;
  const cov = new Float64Array(dim * dim);
  const row = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < dim; j++) row[j] = features[i * dim + j] - mean[j];
    for (let a = 0; a < dim; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      const base = a * dim;
      for (let b = a; b < dim; b++) cov[base + b] += ra * row[b];
    }
  }
  for (let a = 0; a < dim; a++) {
    for (let b = a; b < dim; b++) {
      const v = cov[a * dim + b] / (count - 1);
      cov[a * dim + b] = v;
      cov[b * dim + a] = v;
    }
  }
  return { dim, count, mean, cov };
}

/** C = A·B for n×n row-major matrices. */
export function matMul(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let k = 0; k < n; k++) {
      const aik = a[ci + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c[ci + j] += aik * b[bk + j];
    }
  }
  return c;
}

/**
 * Eigendecomposition of a symmetric n×n matrix: eigenvalues ascending and, when asked,
 * eigenvectors as the columns of V (row-major), so A = V·diag(values)·Vᵀ.
 */
export function symmetricEigen(a: Float64Array, n: number, opts: { vectors?: boolean } = {}): { values: Float64Array; vectors: Float64Array | null } {
  const wantV = opts.vectors ?? true;
  // V starts as a copy of A (tred2 works in place on it).
  const V: Float64Array[] = Array.from({ length: n }, (_, i) => Float64Array.from(a.subarray(i * n, (i + 1) * n)));
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tred2(V, d, e, n, wantV);
  tql2(V, d, e, n, wantV);
  if (!wantV) return { values: d, vectors: null };
  const vectors = new Float64Array(n * n);
  for (let i = 0; i < n; i++) vectors.set(V[i], i * n);
  return { values: d, vectors };
}

function tred2(V: Float64Array[], d: Float64Array, e: Float64Array, n: number, accumulate: boolean): void {
  for (let j = 0; j < n; j++) d[j] = V[n - 1][j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[i - 1][j];
        V[i][j] = 0;
        V[j][i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[j][i] = f;
        g = e[j] + V[j][j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[k][j] * d[k];
          e[k] += V[k][j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[k][j] -= f * e[k] + g * d[k];
        d[j] = V[i - 1][j];
        V[i][j] = 0;
      }
    }
    d[i] = h;
  }
  if (!accumulate) {
    // Eigenvalues only: the tridiagonal's diagonal is V's diagonal (the accumulation would
    // copy it out the same way), and the O(n³) transformation products are skipped.
    for (let j = 0; j < n; j++) d[j] = V[j][j];
    e[0] = 0;
    return;
  }
  for (let i = 0; i < n - 1; i++) {
    V[n - 1][i] = V[i][i];
    V[i][i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[k][i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[k][i + 1] * V[k][j];
        for (let k = 0; k <= i; k++) V[k][j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[k][i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[n - 1][j];
    V[n - 1][j] = 0;
  }
  V[n - 1][n - 1] = 1;
  e[0] = 0;
}

function tql2(V: Float64Array[], d: Float64Array, e: Float64Array, n: number, wantV: boolean): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      do {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (wantV) {
            for (let k = 0; k < n; k++) {
              const vk = V[k];
              h = vk[i + 1];
              vk[i + 1] = s * vk[i] + c * h;
              vk[i] = c * vk[i] - s * h;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  // Sort ascending (selection sort keeps the vectors paired).
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      if (wantV) {
        for (let j = 0; j < n; j++) {
          const t = V[j][i];
          V[j][i] = V[j][k];
          V[j][k] = t;
        }
      }
    }
  }
}

/** The symmetric positive semi-definite square root of a covariance (negative round-off clipped). */
export function sqrtPsd(a: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(a, n);
  const V = vectors!;
  const out = new Float64Array(n * n);
  const s = values.map((v) => Math.sqrt(Math.max(v, 0)));
  // out = V · diag(s) · Vᵀ
  const VS = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < n; k++) VS[i * n + k] = V[i * n + k] * s[k];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < n; k++) acc += VS[i * n + k] * V[j * n + k];
      out[i * n + j] = acc;
      out[j * n + i] = acc;
    }
  }
  return out;
}

/**
 * tr(sqrtm(A·B)) for covariances A, B. A·B is not symmetric, but it is similar to
 * A^½·B·A^½, which is symmetric PSD: its eigenvalues are those of A·B, so the trace of the
 * square root is Σ √λᵢ of the symmetric matrix (no complex round-off as with scipy's sqrtm).
 */
export function traceSqrtProduct(a: Float64Array, b: Float64Array, n: number): number {
  const rootA = sqrtPsd(a, n);
  const m = matMul(matMul(rootA, b, n), rootA, n);
  // Symmetrise round-off before the eigen solve.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = (m[i * n + j] + m[j * n + i]) / 2;
      m[i * n + j] = v;
      m[j * n + i] = v;
    }
  }
  const { values } = symmetricEigen(m, n, { vectors: false });
  let t = 0;
  for (const v of values) t += Math.sqrt(Math.max(v, 0));
  return t;
}

/**
 * A factor F with Fᵀ·F = cov, as few rows as possible: the centred features / √(n − 1)
 * ([n, d]) when there are no more rows than dimensions, else the Cholesky factor ([d, d]).
 */
export function covarianceFactor(features: ArrayLike<number>, count: number, dim: number, stats?: Stats): { rows: number; f: Float64Array } {
  const s = stats ?? featureStats(features, count, dim);
  if (count <= dim) {
    const f = new Float64Array(count * dim);
    const scale = 1 / Math.sqrt(count - 1);
    for (let i = 0; i < count; i++) for (let j = 0; j < dim; j++) f[i * dim + j] = (features[i * dim + j] - s.mean[j]) * scale;
    return { rows: count, f };
  }
  return { rows: dim, f: choleskyUpper(s.cov, dim) };
}

/** Upper-triangular R with Rᵀ·R = A (A symmetric PSD; a tiny diagonal jitter covers round-off). */
function choleskyUpper(a: Float64Array, n: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i];
  const jitter = (1e-12 * trace) / n;
  const r = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j] + jitter;
    for (let k = 0; k < j; k++) diag -= r[k * n + j] ** 2;
    const rjj = Math.sqrt(Math.max(diag, jitter));
    r[j * n + j] = rjj;
    for (let i = j + 1; i < n; i++) {
      let v = a[j * n + i];
      for (let k = 0; k < j; k++) v -= r[k * n + j] * r[k * n + i];
      r[j * n + i] = v / rjj;
    }
  }
  return r;
}

/** Row-by-row dot products: out[i][j] = a_i · b_j for a [m, d], b [n, d]. */
function rowDots(a: Float64Array, m: number, b: Float64Array, n: number, d: number, symmetric = false): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const ai = a.subarray(i * d, (i + 1) * d);
    for (let j = symmetric ? i : 0; j < n; j++) {
      const bj = b.subarray(j * d, (j + 1) * d);
      let acc = 0;
      for (let k = 0; k < d; k++) acc += ai[k] * bj[k];
      out[i * n + j] = acc;
      if (symmetric) out[j * n + i] = acc;
    }
  }
  return out;
}

/**
 * tr(sqrtm(Σ₁Σ₂)) from factors Σ₁ = F₁ᵀF₁, Σ₂ = F₂ᵀF₂: the eigenvalues of Σ₁Σ₂ are the
 * squared singular values of K = F₁F₂ᵀ, so the trace of the root is K's nuclear norm,
 * Σ √λ(K·Kᵀ). Only eigenvalues of a (rows × rows) symmetric matrix are needed, which is far
 * cheaper than a square root of the 2048² product when there are fewer images than features.
 */
export function traceSqrtProductFromFactors(f1: { rows: number; f: Float64Array }, f2: { rows: number; f: Float64Array }, dim: number): number {
  const k = rowDots(f1.f, f1.rows, f2.f, f2.rows, dim);
  const [small, other] = f1.rows <= f2.rows ? [f1.rows, f2.rows] : [f2.rows, f1.rows];
  // K·Kᵀ (f1.rows²) or Kᵀ·K (f2.rows²), whichever is smaller: same non-zero eigenvalues.
  const g = f1.rows <= f2.rows ? rowDots(k, small, k, small, other, true) : rowDots(transpose(k, f1.rows, f2.rows), small, transpose(k, f1.rows, f2.rows), small, other, true);
  const { values } = symmetricEigen(g, small, { vectors: false });
  let t = 0;
  for (const v of values) t += Math.sqrt(Math.max(v, 0));
  return t;
}

function transpose(a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}
