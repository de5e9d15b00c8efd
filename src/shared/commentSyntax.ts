/**
 * The line-comment prefix of a language, for "Insert Result as Comment". Pure: unit-tested in Node.
 * Languages without line comments (JSON) give undefined: the command then says so instead of writing.
 */
const PREFIXES: Readonly<Record<string, string>> = {
  python: '#',
  r: '#',
  julia: '#',
  shellscript: '#',
  yaml: '#',
  toml: '#',
  plaintext: '#',
  javascript: '//',
  typescript: '//',
  javascriptreact: '//',
  typescriptreact: '//',
  jsonc: '//',
  c: '//',
  cpp: '//',
  csharp: '//',
  java: '//',
  go: '//',
  rust: '//',
  swift: '//',
  kotlin: '//',
  scala: '//',
  matlab: '%',
  octave: '%',
  latex: '%',
  sql: '--',
  lua: '--',
  haskell: '--',
};

export function lineCommentPrefix(languageId: string): string | undefined {
  return PREFIXES[languageId];
}

/** The comment line: the indentation of `indentFrom`, the prefix, the text. */
export function commentLine(prefix: string, text: string, indentFrom: string): string {
  const indent = /^[ \t]*/.exec(indentFrom)?.[0] ?? '';
  return `${indent}${prefix} ${text}`;
}
