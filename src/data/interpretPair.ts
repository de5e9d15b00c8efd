/**
 * Whether two arrays read as distributions (P and Q over the same outcomes) or as samples, and why. The
 * commands never guess silently: they say which reading they used.
 */
export type Interpretation =
  | { readonly kind: 'distributions' }
  | { readonly kind: 'samples'; readonly reason: string };

export function interpretPair(p: ArrayLike<number>, q: ArrayLike<number>): Interpretation {
  if (p.length !== q.length) return { kind: 'samples', reason: `P has ${p.length} values and Q has ${q.length}` };
  for (const [name, a] of [['P', p], ['Q', q]] as const) {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] as number;
      if (x < 0) return { kind: 'samples', reason: `${name}[${i}] is negative (${x})` };
    }
  }
  return { kind: 'distributions' };
}
