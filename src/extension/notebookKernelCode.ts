/**
 * The Python run in a notebook's kernel by "Compare Notebook Variables…", and the reading of what it prints.
 * The code looks at the kernel's globals by type name (importing nothing heavy), prints one line of JSON after
 * JSON_MARK, and deletes its helper function again. Variable names and column positions travel as a JSON string
 * literal that Python parses: nothing the kernel listed is ever pasted into code.
 */

/** The prefix of the one line of JSON the code run in the kernel prints (other output is ignored). */
export const JSON_MARK = 'DIVERGENCE_LENS_JSON:';

/** An array-like variable of the kernel, as listed (no values). */
export interface KernelVariable {
  /** The variable's name in the kernel's globals. */
  readonly name: string;
  /** "ndarray", "Series", "DataFrame column", "Tensor", "list", "tuple". */
  readonly type: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  /** A DataFrame column: its name as text and its position (the column is fetched by position). */
  readonly column?: string;
  readonly position?: number;
}

/** The most variables listed (the Quick Pick stays short and the answer small). */
export const MAX_LISTED = 500;
/** The most values fetched per variable: about 20 MB of JSON through the kernel's messages. */
export const MAX_KERNEL_VALUES = 1_000_000;

/** How the Quick Pick names a variable: `df["before"]` for a column. */
export function variableLabel(v: KernelVariable): string {
  return v.column === undefined ? v.name : `${v.name}[${JSON.stringify(v.column)}]`;
}

/** A Python string literal holding `value` as JSON (JSON's string escapes are Python's). */
function pythonJson(value: unknown): string {
  return `__import__('json').loads(${JSON.stringify(JSON.stringify(value))})`;
}

/** Python that prints the kernel's numeric NumPy arrays, pandas Series and DataFrame columns, lists and tensors. */
export function listingCode(): string {
  return `def _divergence_lens_list(limit):
    import json
    found = []
    numeric = ('i', 'u', 'f')
    for name, value in list(globals().items()):
        if name.startswith('_') or len(found) >= limit:
            continue
        module, cls = type(value).__module__.split('.')[0], type(value).__name__
        try:
            if module == 'numpy' and cls == 'ndarray' and value.dtype.kind in numeric and value.size > 0:
                found.append({'name': name, 'type': cls, 'shape': list(value.shape), 'dtype': str(value.dtype)})
            elif module == 'pandas' and cls == 'Series' and getattr(value.dtype, 'kind', 'O') in numeric and len(value) > 0:
                found.append({'name': name, 'type': cls, 'shape': [len(value)], 'dtype': str(value.dtype)})
            elif module == 'pandas' and cls == 'DataFrame' and len(value) > 0:
                for position, (column, dtype) in enumerate(zip(value.columns, value.dtypes)):
                    if getattr(dtype, 'kind', 'O') in numeric:
                        found.append({'name': name, 'type': 'DataFrame column', 'shape': [len(value)], 'dtype': str(dtype), 'column': str(column), 'position': position})
            elif module == 'torch' and cls == 'Tensor' and value.numel() > 0 and not value.is_complex() and str(value.dtype) != 'torch.bool':
                found.append({'name': name, 'type': cls, 'shape': list(value.shape), 'dtype': str(value.dtype).replace('torch.', '')})
            elif cls in ('list', 'tuple') and 0 < len(value) <= ${MAX_KERNEL_VALUES} and all(type(x) in (int, float) for x in value):
                found.append({'name': name, 'type': cls, 'shape': [len(value)], 'dtype': 'float' if any(type(x) is float for x in value) else 'int'})
        except Exception:
            pass
    print('${JSON_MARK}' + json.dumps(found[:limit]))
try:
    _divergence_lens_list(${MAX_LISTED})
finally:
    del _divergence_lens_list
`;
}

/**
 * Python that prints the values of `wanted` (flattened, row-major, as floats; NaN and ±inf as "nan", "inf",
 * "-inf"), or `{"size": n}` for one with more than MAX_KERNEL_VALUES values: only these arrays, never more.
 */
export function valuesCode(wanted: readonly KernelVariable[]): string {
  const refs = wanted.map((v) => [v.name, v.position ?? null]);
  return `def _divergence_lens_values(wanted, limit):
    import json, math
    answer = []
    for name, position in wanted:
        value = globals()[name]
        if position is not None:
            value = value.iloc[:, position]
        module = type(value).__module__.split('.')[0]
        size = value.numel() if module == 'torch' else value.size if module == 'numpy' else len(value)
        if size > limit:
            answer.append({'size': size})
            continue
        if module == 'torch':
            values = value.detach().cpu().double().reshape(-1).tolist()
        elif module == 'pandas':
            values = value.to_numpy(dtype=float, na_value=float('nan')).tolist()
        elif module == 'numpy':
            values = value.astype(float).reshape(-1).tolist()
        else:
            values = [float(x) for x in value]
        answer.append({'values': [x if math.isfinite(x) else str(x) for x in values]})
    print('${JSON_MARK}' + json.dumps(answer))
try:
    _divergence_lens_values(${pythonJson(refs)}, ${MAX_KERNEL_VALUES})
finally:
    del _divergence_lens_values
`;
}

/** The listing's variables; entries that are not variables are left out. */
export function readListing(answer: unknown): KernelVariable[] {
  if (!Array.isArray(answer)) return [];
  return answer.filter(
    (v): v is KernelVariable =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as KernelVariable).name === 'string' &&
      typeof (v as KernelVariable).type === 'string' &&
      Array.isArray((v as KernelVariable).shape) &&
      typeof (v as KernelVariable).dtype === 'string',
  );
}

/** One fetched variable: its values, or its size when it has too many to fetch. */
export type FetchedValues = { readonly values: Float64Array } | { readonly size: number };

const NON_FINITE: Record<string, number> = { nan: NaN, inf: Infinity, '-inf': -Infinity };

/** The values answer, one entry per variable asked for; undefined when it is not one. */
export function readValues(answer: unknown, count: number): FetchedValues[] | undefined {
  if (!Array.isArray(answer) || answer.length !== count) return undefined;
  const read: FetchedValues[] = [];
  for (const entry of answer as { values?: unknown; size?: unknown }[]) {
    if (typeof entry?.size === 'number') read.push({ size: entry.size });
    else if (Array.isArray(entry?.values)) read.push({ values: Float64Array.from(entry.values, (x: unknown) => (typeof x === 'number' ? x : (NON_FINITE[String(x)] ?? NaN))) });
    else return undefined;
  }
  return read;
}
