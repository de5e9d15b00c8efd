/**
 * The settings of Divergence Lens, typed and checked in one place. Pure (no vscode): `config.ts` reads the raw
 * values from the workspace configuration and hands them here, so the parsing is unit-tested in Node.
 */
import { isDivergenceError } from '../core/errors';
import { DRIFT_TEST_NAMES, type DriftTestName } from '../drift';
import { resolveBase } from '../core/logBase';
import type { InputKind } from '../core/validate';
import { formatSignificant } from '../shared/format';

/**
 * What to do with values that do not sum to 1: 'normalize' rescales P (and Q) and says so; 'strict' refuses
 * them with a message; 'raw' applies the formula to the values as given.
 */
export type NormalizationPolicy = 'normalize' | 'strict' | 'raw';

/** Every setting of Divergence Lens, typed, read when used (never cached: the user may change them). */
export interface DivergenceSettings {
  /** 'e', '2', '10' or another positive number other than 1, as the user wrote it. */
  readonly base: string;
  readonly normalization: NormalizationPolicy;
  /** How the selected numbers are read: probabilities (or counts), natural-log probabilities, or logits. */
  readonly input: InputKind;
  readonly significantDigits: number;
  readonly hoverEnabled: boolean;
  /** Literals with more elements than this get a summary only in the hover (and the status bar ignores them). */
  readonly hoverMaxElements: number;
  readonly statusBarEnabled: boolean;
  /** KL of inputs with more elements than this runs in worker threads, with progress and Cancel. */
  readonly workerThreshold: number;
  /** The drift report's options (Compare Two Datasets): see docs/drift.md. */
  readonly drift: DriftSettings;
}

export interface DriftSettings {
  /** 'auto' (the default test per column) or one test for every column. */
  readonly test: DriftTestName | 'auto';
  /** Every column's threshold; undefined: 0.1 for distances, 0.05 for p-values. */
  readonly threshold: number | undefined;
  /** The dataset drifts when at least this share of the columns drift. */
  readonly driftShare: number;
  /** Every applicable measure of each column besides its test. */
  readonly allMeasures: boolean;
  /** Parquet inputs of more MiB than this (both together) go to DuckDB when it is found; 0: always, -1: never. */
  readonly engineThreshold: number;
  /** A folder where `@duckdb/node-api` is found (a node_modules, or a folder above one); '' to search. */
  readonly duckdbPath: string;
}

export const DEFAULT_SETTINGS: DivergenceSettings = {
  base: 'e',
  normalization: 'normalize',
  input: 'prob',
  significantDigits: 4,
  hoverEnabled: true,
  hoverMaxElements: 100_000,
  statusBarEnabled: true,
  workerThreshold: 1_000_000,
  drift: { test: 'auto', threshold: undefined, driftShare: 0.5, allMeasures: false, engineThreshold: 32, duckdbPath: '' },
};

/** The keys under `divergenceLens.` that `parseSettings` reads. */
export const SETTING_KEYS = [
  'base',
  'normalization',
  'input',
  'significantDigits',
  'hover.enabled',
  'hover.maxElements',
  'statusBar.enabled',
  'workerThreshold',
  'drift.test',
  'drift.threshold',
  'drift.driftShare',
  'drift.allMeasures',
  'drift.engineThreshold',
  'drift.duckdbPath',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export interface ParsedSettings {
  readonly settings: DivergenceSettings;
  /** One sentence per invalid value, naming the setting, the value and the default used instead. */
  readonly problems: readonly string[];
}

const POLICIES: readonly NormalizationPolicy[] = ['normalize', 'strict', 'raw'];
const INPUTS: readonly InputKind[] = ['prob', 'log', 'logits'];

function show(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

/**
 * The settings from raw configuration values (`get(key)` returns `undefined` for an unset key): every invalid
 * value is replaced by its default, and said so in `problems`.
 */
export function parseSettings(get: (key: SettingKey) => unknown): ParsedSettings {
  const problems: string[] = [];
  const bad = (key: SettingKey, value: unknown, rule: string, fallback: unknown) =>
    problems.push(`divergenceLens.${key} is ${show(value)}, but ${rule}; using ${show(fallback)}.`);

  let base = DEFAULT_SETTINGS.base;
  const rawBase = get('base');
  if (rawBase !== undefined) {
    const text = String(rawBase).trim();
    try {
      resolveBase(text === '' ? 'e' : text);
      base = text === '' ? 'e' : text;
    } catch (e) {
      if (!isDivergenceError(e)) throw e;
      bad('base', rawBase, "it must be 'e', 2, 10 or another number > 0 and ≠ 1", DEFAULT_SETTINGS.base);
    }
  }

  const oneOf = <T extends string>(key: SettingKey, allowed: readonly T[], fallback: T): T => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    bad(key, v, `it must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`, fallback);
    return fallback;
  };
  const integer = (key: SettingKey, min: number, max: number, fallback: number): number => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    bad(key, v, `it must be an integer from ${min} to ${max}`, fallback);
    return fallback;
  };
  const flag = (key: SettingKey, fallback: boolean): boolean => {
    const v = get(key);
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    bad(key, v, 'it must be true or false', fallback);
    return fallback;
  };

  const number = (key: SettingKey, ok: (x: number) => boolean, rule: string, fallback: number | undefined): number | undefined => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && ok(v)) return v;
    bad(key, v, rule, fallback ?? null);
    return fallback;
  };
  const text = (key: SettingKey, fallback: string): string => {
    const v = get(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v === 'string') return v.trim();
    bad(key, v, 'it must be a text (a folder)', fallback);
    return fallback;
  };
  const drift = DEFAULT_SETTINGS.drift;

  const settings: DivergenceSettings = {
    base,
    normalization: oneOf('normalization', POLICIES, DEFAULT_SETTINGS.normalization),
    input: oneOf('input', INPUTS, DEFAULT_SETTINGS.input),
    significantDigits: integer('significantDigits', 1, 17, DEFAULT_SETTINGS.significantDigits),
    hoverEnabled: flag('hover.enabled', DEFAULT_SETTINGS.hoverEnabled),
    hoverMaxElements: integer('hover.maxElements', 1, 10_000_000, DEFAULT_SETTINGS.hoverMaxElements),
    statusBarEnabled: flag('statusBar.enabled', DEFAULT_SETTINGS.statusBarEnabled),
    workerThreshold: integer('workerThreshold', 1, Number.MAX_SAFE_INTEGER, DEFAULT_SETTINGS.workerThreshold),
    drift: {
      test: oneOf('drift.test', ['auto', ...DRIFT_TEST_NAMES], drift.test),
      threshold: number('drift.threshold', (x) => x >= 0, 'it must be a number ≥ 0 (or null for the default of each test)', drift.threshold),
      driftShare: number('drift.driftShare', (x) => x >= 0 && x <= 1, 'it must be a number from 0 to 1', drift.driftShare)!,
      allMeasures: flag('drift.allMeasures', drift.allMeasures),
      engineThreshold: number('drift.engineThreshold', (x) => x >= 0 || x === -1, 'it must be a number of MiB ≥ 0 (0: always) or -1 (never)', drift.engineThreshold)!,
      duckdbPath: text('drift.duckdbPath', drift.duckdbPath),
    },
  };
  return { settings, problems };
}

/** The options every discrete measure of the compute API takes, from the settings. */
export interface SettingsMeasureOptions {
  readonly base: string;
  readonly normalize: boolean;
  readonly input: InputKind;
}

export function measureOptions(settings: DivergenceSettings): SettingsMeasureOptions {
  return { base: settings.base, normalize: settings.normalization !== 'raw', input: settings.input };
}

const INPUT_WORDS: Record<InputKind, string> = { prob: 'probabilities', log: 'log-probabilities', logits: 'logits (softmax first)' };

/** What a discrete result shares: whether it normalised, and the sums of its inputs as given. */
export interface NormalizationFacts {
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q?: number };
}

function sumsText(sums: NormalizationFacts['sums']): string {
  const f = (x: number) => formatSignificant(x, 6);
  return sums.q === undefined ? `P summed to ${f(sums.p)}` : `P summed to ${f(sums.p)}, Q to ${f(sums.q)}`;
}

/**
 * The conventions a result was computed with, in words, for every result the extension shows:
 * "read as probabilities; normalised (P summed to 2, Q to 1)", "read as logits (softmax first)",
 * "read as probabilities; raw: not normalised".
 */
export function conventionsText(settings: DivergenceSettings, result: NormalizationFacts): string {
  const read = `read as ${INPUT_WORDS[settings.input]}`;
  if (settings.input === 'logits') return read;
  if (settings.normalization === 'raw') return `${read}; raw: not normalised (${sumsText(result.sums)})`;
  return result.normalized ? `${read}; normalised (${sumsText(result.sums)})` : `${read}; sums are 1`;
}

/**
 * Under the 'strict' policy, the message refusing a result computed from inputs that did not sum to 1
 * (the result says `normalized: true`); `undefined` when the result stands.
 */
export function strictRefusal(settings: DivergenceSettings, result: NormalizationFacts): string | undefined {
  if (settings.normalization !== 'strict' || !result.normalized) return undefined;
  return (
    `${sumsText(result.sums)}: not 1, and divergenceLens.normalization is "strict". ` +
    'Set it to "normalize" to rescale, or "raw" to use the values as given.'
  );
}
