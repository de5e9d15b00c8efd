/**
 * Histogram binning kernel: counts of values in the bins [e_k, e_{k+1}) (the last bin closed, [e_{K-1}, e_K]),
 * values outside [e_0, e_K] not counted, exactly as `histogramCounts` of src/core/histogram.ts (numpy.histogram
 * with given edges) assigns them: the bin of x is the unique b with e_b ≤ x < e_{b+1} (edges strictly
 * increasing), x = e_K in the last bin.
 *
 * Method: a first guess b = ⌊(x - e_0)·scale⌋ (the host passes scale = K/(e_K - e_0): right or one off for
 * equal-width edges), clamped to [0, K-1], then corrected by comparing x with the real edges until
 * e_b ≤ x < e_{b+1}: the same bin as the reference's binary search, whatever the rounding of the guess.
 *
 * Protocol: the host writes the K + 1 edges at edgesPtr, zeroes the K counts (f64, exact up to 2^53) at
 * countsPtr, and calls `histogramAccumulate(valuesPtr, n, edgesPtr, k, countsPtr, scale)` per chunk of finite
 * values (checked by the host).
 */

export function histogramAccumulate(valuesPtr: usize, n: i32, edgesPtr: usize, k: i32, countsPtr: usize, scale: f64): void {
  const first = load<f64>(edgesPtr);
  const last = load<f64>(edgesPtr + (<usize>k << 3));
  const top = <f64>(k - 1);
  for (let i: i32 = 0; i < n; i++) {
    const x = load<f64>(valuesPtr + (<usize>i << 3));
    if (!(x >= first && x <= last)) continue;
    let b: i32;
    if (x == last) {
      b = k - 1;
    } else {
      let guess = (x - first) * scale;
      guess = guess > 0 ? (guess < top ? guess : top) : 0; // also for a NaN guess
      b = <i32>guess;
      while (load<f64>(edgesPtr + (<usize>b << 3)) > x) b--;
      while (load<f64>(edgesPtr + (<usize>(b + 1) << 3)) <= x) b++;
    }
    const slot = countsPtr + (<usize>b << 3);
    store<f64>(slot, load<f64>(slot) + 1);
  }
}
