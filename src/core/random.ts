import { DivergenceError } from './errors';

/**
 * A seeded pseudo-random generator, so that every Monte Carlo result can be reproduced from its seed, on
 * any platform: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c), a
 * 32-bit generator with 128 bits of state, period 2^128 − 1, no known failure of BigCrush or PractRand, and
 * only 32-bit integer operations (Math.imul and shifts), so no BigInt in the hot loop.
 *
 * Seeding, as the authors recommend, from SplitMix64 (https://prng.di.unimi.it/splitmix64.c) started at the
 * seed: its first two 64-bit outputs z1, z2 give the state s = [low32(z1), high32(z1), low32(z2),
 * high32(z2)] (all-zero state is impossible: SplitMix64 is a bijection of a counter). Any seed in
 * 0 … 2^53 − 1 (a safe integer) is accepted; different seeds give unrelated streams.
 *
 * Derived variates:
 * - `nextDouble()`: uniform on [0, 1) with 53 random bits, (a·2^26 + b)/2^53 from the top 27 bits of one
 *   output and the top 26 of the next (as the reference `genrand_res53` of MT19937);
 * - `nextNormal()`: standard normal by Marsaglia's polar method (u, v uniform on (−1, 1), s = u² + v²,
 *   rejected unless 0 < s < 1; then u·√(−2 ln s / s) and v·√(−2 ln s / s) are two independent normals, the
 *   second returned by the next call). It needs only ln and √ (no sin/cos), whose results the engines agree on.
 *
 * @example
 * const rng = new Xoshiro128StarStar(42);
 * rng.nextUint32() // the same 32-bit integer on every run and platform
 */
export class Xoshiro128StarStar {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed = 0) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new DivergenceError('invalid-parameter', `seed ${String(seed)} is invalid: it must be an integer from 0 to 2^53 - 1`, {
        array: 'seed',
      });
    }
    const mask = (1n << 64n) - 1n;
    let x = BigInt(seed);
    const splitMix64 = (): bigint => {
      x = (x + 0x9e3779b97f4a7c15n) & mask;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask;
      return z ^ (z >> 31n);
    };
    const z1 = splitMix64();
    const z2 = splitMix64();
    this.s0 = Number(z1 & 0xffffffffn) | 0;
    this.s1 = Number(z1 >> 32n) | 0;
    this.s2 = Number(z2 & 0xffffffffn) | 0;
    this.s3 = Number(z2 >> 32n) | 0;
  }

  /** The next 32-bit output, as an unsigned integer in 0 … 2^32 − 1. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** Uniform on [0, 1), a multiple of 2^-53. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A standard normal variate (mean 0, variance 1), by Marsaglia's polar method. */
  nextNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.nextDouble() - 1;
      v = 2 * this.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
