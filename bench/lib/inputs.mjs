// The bench's inputs, from fixed seeds (the same doubles every run).

/** mulberry32: a small seeded generator of 32-bit integers. */
export function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * n values of a Dirichlet(1, …, 1) distribution (normalised exponentials): all > 0, summing to 1 within a
 * few ulp. The normalising sum is compensated: with a plain sum Σp would be off by ~1e-14 at n = 10^6, and
 * the cross-check would show SciPy's raw Σ rel_entr differing from our normalised KL by that much.
 */
export function dirichlet(n, seed) {
  const next = generator(seed);
  const a = new Float64Array(n);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = -Math.log((next() + 0.5) / 4294967296);
    a[i] = x;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  s += c;
  for (let i = 0; i < n; i++) a[i] /= s;
  return a;
}

export function normals(n, seed) {
  const next = generator(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = (next() + 0.5) / 4294967296;
    const v = (next() + 0.5) / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    a[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) a[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return a;
}

/** A dense, well-conditioned SPD d×d matrix (row-major, exactly symmetric): U·Uᵀ/32 + ½I, U d×32 normal. */
export function covariance(d, seed) {
  const r = 32;
  const u = normals(d * r, seed);
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += u[i * r + k] * u[j * r + k];
      c[i * d + j] = c[j * d + i] = s / r + (i === j ? 0.5 : 0);
    }
  }
  return c;
}
