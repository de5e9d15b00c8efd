/**
 * A k-d tree over n points in d dimensions (row-major coordinates) for exact k-nearest-neighbour queries in
 * Euclidean distance. Built in O(n·d·log n) by median splits on the widest dimension of each node's bounding
 * box; a query visits nodes nearest-first and prunes by the squared distance to their bounding boxes, about
 * O(log n) for well-spread data in low dimensions. Pure TypeScript, typed arrays throughout.
 */
export class KdTree {
  readonly n: number;
  readonly d: number;
  /** The points in tree order, row-major: leaves hold contiguous runs. */
  private readonly points: Float64Array;
  /** The caller's index of each point in tree order. */
  private readonly original: Int32Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** Child node ids (right = left + 1 is not assumed); −1 for a leaf. */
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  /** Per node, d minima then d maxima of its points. */
  private readonly box: Float64Array;
  /** A query's work stack: node ids and their squared distances from the query (lower bounds). */
  private readonly stack: Int32Array;
  private readonly stackBound: Float64Array;
  private readonly query: Float64Array;

  /**
   * @param coordinates n·d numbers, point i at [i·d, (i+1)·d). Finite values are assumed (the caller
   *   validates): the tree itself does not check.
   * @param leafSize points per leaf at most (except runs of identical points, which cannot be split).
   */
  constructor(coordinates: ArrayLike<number>, d: number, leafSize = 12) {
    const n = Math.floor(coordinates.length / d);
    this.n = n;
    this.d = d;
    // The points are partitioned in place in a copy, rows and caller indices together, so that the tree's
    // leaves end up as contiguous runs and every scan reads memory in order.
    const points = new Float64Array(n * d);
    for (let i = 0; i < n * d; i++) points[i] = coordinates[i]!;
    const original = new Int32Array(n);
    for (let i = 0; i < n; i++) original[i] = i;
    this.points = points;
    this.original = original;
    const maxNodes = Math.max(1, 2 * Math.ceil(n / Math.max(1, Math.floor(leafSize / 2))) + 1);
    this.start = new Int32Array(maxNodes);
    this.end = new Int32Array(maxNodes);
    this.left = new Int32Array(maxNodes).fill(-1);
    this.right = new Int32Array(maxNodes).fill(-1);
    this.box = new Float64Array(maxNodes * 2 * d);
    let nodes = 0;
    const work: number[] = [];
    const newNode = (s: number, e: number): number => {
      const id = nodes++;
      this.start[id] = s;
      this.end[id] = e;
      const base = id * 2 * d;
      const box = this.box;
      for (let j = 0; j < d; j++) {
        box[base + j] = Infinity;
        box[base + d + j] = -Infinity;
      }
      for (let row = s * d; row < e * d; row += d) {
        for (let j = 0; j < d; j++) {
          const x = points[row + j]!;
          if (x < box[base + j]!) box[base + j] = x;
          if (x > box[base + d + j]!) box[base + d + j] = x;
        }
      }
      work.push(id);
      return id;
    };
    if (n > 0) newNode(0, n);
    while (work.length > 0) {
      const id = work.pop()!;
      const s = this.start[id]!;
      const e = this.end[id]!;
      if (e - s <= leafSize) continue;
      const base = id * 2 * d;
      let dim = 0;
      let spread = -1;
      for (let j = 0; j < d; j++) {
        const w = this.box[base + d + j]! - this.box[base + j]!;
        if (w > spread) {
          spread = w;
          dim = j;
        }
      }
      if (!(spread > 0)) continue; // identical points: one leaf
      const mid = (s + e) >>> 1;
      select(points, original, d, dim, s, e - 1, mid);
      this.left[id] = newNode(s, mid);
      this.right[id] = newNode(mid, e);
    }
    // Median splits halve every node, so the depth is at most log2(n) + 1 and a query's stack (two entries
    // per level) at most twice that.
    const stackSize = 2 * (Math.ceil(Math.log2(n + 1)) + 2);
    this.stack = new Int32Array(stackSize);
    this.stackBound = new Float64Array(stackSize);
    this.query = new Float64Array(d);
  }

  /**
   * The squared Euclidean distances from `query` (d numbers at `offset`) to its k nearest points, ascending,
   * written to `out[0..k)`; the point whose caller index is `exclude` (−1 for none) is skipped, so a point's
   * neighbours in its own sample exclude itself but not its duplicates. Fewer than k points leave Infinity.
   */
  nearestSquared(query: ArrayLike<number>, offset: number, k: number, exclude: number, out: Float64Array): void {
    const d = this.d;
    out.fill(Infinity, 0, k);
    if (this.n === 0) return;
    // A private copy of the query point: one array type in the hot loops, whatever the caller passes.
    const q = this.query;
    for (let j = 0; j < d; j++) q[j] = query[offset + j]!;
    const points = this.points;
    const original = this.original;
    const box = this.box;
    const left = this.left;
    const right = this.right;
    const start = this.start;
    const end = this.end;
    const stack = this.stack;
    const stackBound = this.stackBound;
    let worst = Infinity;
    stack[0] = 0;
    stackBound[0] = 0;
    let top = 1;
    while (top > 0) {
      top--;
      if (stackBound[top]! >= worst) continue; // cannot hold a nearer point than the k-th found so far
      const id = stack[top]!;
      const l = left[id]!;
      if (l < 0) {
        const e = end[id]!;
        for (let i = start[id]!; i < e; i++) {
          const row = i * d;
          let s = 0;
          for (let j = 0; j < d; j++) {
            const t = q[j]! - points[row + j]!;
            s += t * t;
          }
          if (s < worst && original[i] !== exclude) {
            let p = k - 1;
            while (p > 0 && out[p - 1]! > s) {
              out[p] = out[p - 1]!;
              p--;
            }
            out[p] = s;
            worst = out[k - 1]!;
          }
        }
        continue;
      }
      const r = right[id]!;
      const dl = boxDistanceSquared(box, l * 2 * d, d, q);
      const dr = boxDistanceSquared(box, r * 2 * d, d, q);
      // Push the farther child first so that the nearer one is searched first (and tightens the bound).
      if (dl <= dr) {
        stack[top] = r;
        stackBound[top++] = dr;
        stack[top] = l;
        stackBound[top++] = dl;
      } else {
        stack[top] = l;
        stackBound[top++] = dl;
        stack[top] = r;
        stackBound[top++] = dr;
      }
    }
  }
}

/** The squared distance from the query point to a node's bounding box (0 inside it). */
function boxDistanceSquared(box: Float64Array, base: number, d: number, q: Float64Array): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const x = q[j]!;
    const lo = box[base + j]!;
    const hi = box[base + d + j]!;
    const t = x < lo ? lo - x : x > hi ? x - hi : 0;
    s += t * t;
  }
  return s;
}

/**
 * Rearranges the rows lo..hi of `points` (and their caller indices) so that the row at position `kth` is the
 * one that belongs there when sorted by coordinate `dim`, smaller-or-equal rows before it and greater-or-equal
 * after (Hoare's selection with median-of-three pivots; equal keys split evenly, so runs of duplicates do not
 * degrade it).
 */
function select(points: Float64Array, original: Int32Array, d: number, dim: number, lo: number, hi: number, kth: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = points[lo * d + dim]!;
    const b = points[mid * d + dim]!;
    const z = points[hi * d + dim]!;
    const pivot = a < b ? (b < z ? b : a < z ? z : a) : a < z ? a : b < z ? z : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (points[i * d + dim]! < pivot) i++;
      while (points[j * d + dim]! > pivot) j--;
      if (i <= j) {
        swapRows(points, original, d, i, j);
        i++;
        j--;
      }
    }
    if (kth <= j) hi = j;
    else if (kth >= i) lo = i;
    else return;
  }
}

function swapRows(points: Float64Array, original: Int32Array, d: number, i: number, j: number): void {
  if (i === j) return;
  const ri = i * d;
  const rj = j * d;
  for (let c = 0; c < d; c++) {
    const t = points[ri + c]!;
    points[ri + c] = points[rj + c]!;
    points[rj + c] = t;
  }
  const t = original[i]!;
  original[i] = original[j]!;
  original[j] = t;
}
