/**
 * Helpers of the MVN KL kernels (assembly/choleskyKernel.ts, assembly/lowerSquaresKernel.ts), on row-major
 * f64 matrices in linear memory; not exported by the module.
 */

/** The address of the double `index` places after `base`. */
// @ts-ignore: decorator
@inline
export function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

/** Σ_{k<len} x[k]·y[k] (contiguous), with the reference's four accumulators (cholesky.ts dot). */
export function dotContiguous(x: usize, y: usize, len: i32): f64 {
  let v01 = f64x2.splat(0);
  let v23 = f64x2.splat(0);
  let k: i32 = 0;
  for (; k + 3 < len; k += 4) {
    const off = <usize>k << 3;
    v01 = f64x2.add(v01, f64x2.mul(v128.load(x + off), v128.load(y + off)));
    v23 = f64x2.add(v23, f64x2.mul(v128.load(x + off, 16), v128.load(y + off, 16)));
  }
  let s0 = f64x2.extract_lane(v01, 0);
  const s1 = f64x2.extract_lane(v01, 1);
  const s2 = f64x2.extract_lane(v23, 0);
  const s3 = f64x2.extract_lane(v23, 1);
  for (; k < len; k++) s0 += load<f64>(at(x, k)) * load<f64>(at(y, k));
  return s0 + s1 + (s2 + s3);
}
