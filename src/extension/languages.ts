/**
 * The languages whose array literals the hover reads (Jupyter cells are these languages too). The one list:
 * extension.ts registers the hover for it, and package.json's `onLanguage:` activation events must name the
 * same languages, in the same order (test/unit/extension/manifest.test.ts checks it), so that opening such a
 * file activates the extension and nothing else does.
 */
export const HOVER_LANGUAGES: readonly string[] = [
  'python',
  'javascript',
  'typescript',
  'javascriptreact',
  'typescriptreact',
  'json',
  'jsonc',
  'julia',
  'r',
  'matlab',
  'plaintext',
];

/**
 * The markdown cells of notebooks, where the hover reads array literals too (code cells are documents of their
 * kernel's language, which HOVER_LANGUAGES covers). Markdown files outside notebooks are left alone: the
 * extension activates for notebooks by `onNotebook:jupyter-notebook`.
 */
export const NOTEBOOK_MARKDOWN_CELLS = { scheme: 'vscode-notebook-cell', language: 'markdown' } as const;
