/**
 * A test double of the `vscode` module: only what the command classes use, recording what they show and
 * answering their questions from a script. test/unit/extension/vscodeHook.cjs makes `import * as vscode from
 * 'vscode'` resolve here under mocha, so the commands run in plain Node. Tests call `resetVscode()` first, then
 * set `window.activeTextEditor` and the answers, run a command and read `shown`.
 */

// ------------------------------------------------------------------------------------------- what is shown

export interface ShownMessage {
  readonly level: 'info' | 'warning' | 'error';
  readonly text: string;
  /** The buttons offered ("Copy", "Open Panel" ...). */
  readonly items: readonly string[];
}

export interface QuickPickShown {
  readonly items: readonly { readonly label: string }[];
  readonly options: { readonly title?: string; readonly placeHolder?: string };
}

/** Everything the commands showed or did through the double, in order. */
export const shown = {
  messages: [] as ShownMessage[],
  quickPicks: [] as QuickPickShown[],
  inputBoxes: [] as { readonly title?: string; readonly validateInput?: (text: string) => unknown }[],
  openDialogs: [] as { readonly title?: string }[],
  saveDialogs: [] as { readonly title?: string; readonly defaultUri?: Uri }[],
  /** Files written through `workspace.fs.writeFile` (kept here, not on disk). */
  written: [] as { readonly path: string; readonly text: string }[],
  progress: [] as { readonly title?: string; readonly cancellable?: boolean; readonly reports: { increment?: number; message?: string }[] }[],
  statusBarMessages: [] as { readonly text: string; readonly timeout: number }[],
  executedCommands: [] as string[],
  clipboard: [] as string[],
  /** Links opened with `env.openExternal`. */
  external: [] as string[],
  /** `getConfiguration(section).update(key, value, target)` calls: the settings written. */
  configUpdates: [] as { readonly key: string; readonly value: unknown; readonly target: ConfigurationTarget | undefined }[],
};

/** The script of answers: each question takes the next answer of its kind (none left: dismissed). */
export const answers = {
  /** A button's title for each notification that offers buttons. */
  messageChoices: [] as (string | undefined)[],
  /** A choice among the items shown, for each Quick Pick. */
  quickPicks: [] as ((items: readonly { readonly label: string }[]) => unknown)[],
  inputBoxes: [] as (string | undefined)[],
  openDialogs: [] as (Uri[] | undefined)[],
  saveDialogs: [] as (Uri | undefined)[],
  /** What `workspace.findFiles` finds (the workspace's files). */
  workspaceFiles: [] as Uri[],
  /** Cancels the next `withProgress` notifications' tokens as soon as their task starts (the Cancel button). */
  cancelProgress: false,
  /** The installed extensions `extensions.getExtension` finds, by id. */
  extensions: new Map<string, { readonly isActive: boolean; readonly exports: unknown; activate(): Promise<unknown> }>(),
  /** File sizes `workspace.fs.stat` reports instead of the real ones, by path. */
  statSizes: new Map<string, number>(),
};

/** Picks the Quick Pick item with this label. */
export function pickLabel(label: string): (items: readonly { readonly label: string }[]) => unknown {
  return (items) => {
    const item = items.find((i) => i.label === label);
    if (!item) throw new Error(`no Quick Pick item "${label}" among ${items.map((i) => i.label).join(', ')}`);
    return item;
  };
}

// ------------------------------------------------------------------------------------------------- values

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}

  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(a: Position, b: Position);
  constructor(startLine: number, startCharacter: number, endLine: number, endCharacter: number);
  constructor(...args: [Position, Position] | [number, number, number, number]) {
    const [a, b] = args.length === 2 ? args : [new Position(args[0], args[1]), new Position(args[2], args[3])];
    [this.start, this.end] = b.isBefore(a) ? [b, a] : [a, b];
  }

  get isEmpty(): boolean {
    return this.start.line === this.end.line && this.start.character === this.end.character;
  }
}

export class MarkdownString {
  constructor(readonly value = '') {}
}

export class Hover {
  constructor(
    readonly contents: MarkdownString,
    readonly range?: Range,
  ) {}
}

export class Selection extends Range {
  constructor(
    readonly anchor: Position,
    readonly active: Position,
  ) {
    super(anchor, active);
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
    readonly fragment = '',
  ) {}

  static from(parts: { readonly scheme: string; readonly path: string; readonly fragment?: string }): Uri {
    return new Uri(parts.scheme, parts.path, parts.fragment);
  }

  static file(path: string): Uri {
    return new Uri('file', path);
  }

  static parse(text: string): Uri {
    const m = /^([a-z][\w+.-]*):(?:\/\/[^/]*)?(.*)$/i.exec(text);
    if (!m) throw new Error(`not a URI: ${text}`);
    return new Uri(m[1]!, m[2]!);
  }

  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, [base.path, ...segments].join('/'));
  }

  with(change: { readonly path?: string }): Uri {
    return new Uri(this.scheme, change.path ?? this.path);
  }

  get fsPath(): string {
    return this.path;
  }

  toString(): string {
    return `${this.scheme}://${this.path}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}

export enum EndOfLine {
  LF = 1,
  CRLF = 2,
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export class TabInputText {
  constructor(readonly uri: Uri) {}
}

export class TabInputCustom {
  constructor(
    readonly uri: Uri,
    readonly viewType: string,
  ) {}
}

export class Disposable {
  constructor(private readonly onDispose: () => void = () => undefined) {}

  dispose(): void {
    this.onDispose();
  }
}

export class EventEmitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.add(listener);
    return new Disposable(() => this.listeners.delete(listener));
  };

  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }

  dispose(): void {
    this.listeners.clear();
  }
}

export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  private cancelled = false;

  readonly token = {
    isCancellationRequested: false,
    /** As VS Code's: a listener added after the cancellation is called soon (asynchronously) all the same. */
    onCancellationRequested: (listener: () => void): Disposable => {
      if (!this.cancelled) return this.emitter.event(listener);
      const pending = setImmediate(listener);
      return new Disposable(() => clearImmediate(pending));
    },
  };

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

// ---------------------------------------------------------------------------------------- editor and output

/** A text document over a string: the parts of `vscode.TextDocument` the commands read. */
export class TextDocument {
  private readonly lines: string[];
  /** The offset where each line starts (after a "\n" or "\r\n"). */
  private readonly starts: number[];

  constructor(
    readonly uri: Uri,
    readonly text: string,
    readonly languageId = 'python',
    readonly eol = EndOfLine.LF,
  ) {
    this.lines = text.split(/\r?\n/);
    this.starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  }

  get lineCount(): number {
    return this.lines.length;
  }

  offsetAt(p: Position): number {
    return this.starts[p.line]! + p.character;
  }

  positionAt(offset: number): Position {
    let line = 0;
    while (line < this.starts.length - 1 && this.starts[line + 1]! <= offset) line++;
    return new Position(line, offset - this.starts[line]!);
  }

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  lineAt(line: number): { readonly text: string; readonly range: Range } {
    const text = this.lines[line]!;
    return { text, range: new Range(new Position(line, 0), new Position(line, text.length)) };
  }
}

/** An editor: its document, its selections, and the edits made through it (as insertions). */
export class TextEditor {
  readonly inserted: { readonly at: Position; readonly text: string }[] = [];

  constructor(
    readonly document: TextDocument,
    public selections: Selection[],
  ) {}

  get selection(): Selection {
    return this.selections[0]!;
  }

  async edit(build: (edit: { insert(at: Position, text: string): void }) => void): Promise<boolean> {
    build({ insert: (at, text) => this.inserted.push({ at, text }) });
    return true;
  }
}

/**
 * An editor on `text` in a file named `fileName`, with one selection per string in `selected` (each found in
 * the text after the one before); none selects everything.
 */
export function editorWith(fileName: string, text: string, ...selected: string[]): TextEditor {
  return editorOn(new TextDocument(Uri.file(`/workspace/${fileName}`), text), ...selected);
}

/** An editor on `doc` (any language, any end of line), its selections as `editorWith`'s. */
export function editorOn(doc: TextDocument, ...selected: string[]): TextEditor {
  const text = doc.text;
  const wanted = selected.length > 0 ? selected : [text];
  let from = 0;
  const selections = wanted.map((s) => {
    const at = text.indexOf(s, from);
    if (at < 0) throw new Error(`"${s}" is not in the text`);
    from = at + s.length;
    return new Selection(doc.positionAt(at), doc.positionAt(at + s.length));
  });
  return new TextEditor(doc, selections);
}

/** A notebook: its cells' documents (scheme `vscode-notebook-cell`, one per cell, in order). */
export class NotebookDocument {
  readonly cells: { readonly index: number; readonly document: TextDocument }[];

  constructor(
    readonly uri: Uri,
    cells: readonly { readonly text: string; readonly languageId: string }[],
  ) {
    this.cells = cells.map((c, index) => ({
      index,
      document: new TextDocument(Uri.from({ scheme: 'vscode-notebook-cell', path: uri.path, fragment: `W${index}` }), c.text, c.languageId),
    }));
  }

  getCells() {
    return this.cells;
  }
}

/**
 * A notebook `fileName` open in the notebook editor (`window.activeNotebookEditor`), each cell with an editor
 * (`window.visibleTextEditors`) selecting nothing; `workspace.notebookDocuments` lists it.
 */
export function openNotebook(fileName: string, cells: readonly { readonly text: string; readonly languageId: string }[]): { notebook: NotebookDocument; editors: TextEditor[] } {
  const notebook = new NotebookDocument(Uri.file(`/workspace/${fileName}`), cells);
  const editors = notebook.cells.map((c) => new TextEditor(c.document, [new Selection(new Position(0, 0), new Position(0, 0))]));
  window.activeNotebookEditor = { notebook };
  window.visibleTextEditors = editors;
  workspace.notebookDocuments = [notebook];
  return { notebook, editors };
}

/** Select `text` (each string found after the one before) in `editor`, replacing its selections. */
export function select(editor: TextEditor, ...text: string[]): TextEditor {
  editor.selections = editorOn(editor.document, ...text).selections;
  return editor;
}

/** A log output channel that keeps its lines ("info: …", "error: …"). */
export class LogOutputChannel {
  readonly lines: string[] = [];
  shownTimes = 0;

  constructor(readonly name = 'Divergence Lens') {}

  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }

  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }

  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }

  appendLine(message: string): void {
    this.lines.push(message);
  }

  show(): void {
    this.shownTimes++;
  }

  dispose(): void {}
}

// ------------------------------------------------------------------------------------------------ namespaces

function message(level: ShownMessage['level'], text: string, items: string[]): Promise<string | undefined> {
  shown.messages.push({ level, text, items });
  return Promise.resolve(items.length > 0 ? answers.messageChoices.shift() : undefined);
}

export const window = {
  activeTextEditor: undefined as TextEditor | undefined,
  visibleTextEditors: [] as TextEditor[],
  activeNotebookEditor: undefined as { readonly notebook: NotebookDocument } | undefined,
  tabGroups: { activeTabGroup: { activeTab: undefined as { readonly input: unknown } | undefined } },
  showInformationMessage: (text: string, ...items: string[]) => message('info', text, items),
  showWarningMessage: (text: string, ...items: string[]) => message('warning', text, items),
  showErrorMessage: (text: string, ...items: string[]) => message('error', text, items),
  async showQuickPick<T extends { readonly label: string }>(items: readonly T[] | Promise<readonly T[]>, options: QuickPickShown['options'] = {}) {
    const list = await items;
    shown.quickPicks.push({ items: list, options });
    const answer = answers.quickPicks.shift();
    return answer ? (answer(list) as T | undefined) : undefined;
  },
  async showInputBox(options: { readonly title?: string; readonly validateInput?: (text: string) => unknown } = {}) {
    shown.inputBoxes.push(options);
    return answers.inputBoxes.shift();
  },
  async showOpenDialog(options: { readonly title?: string } = {}) {
    shown.openDialogs.push(options);
    return answers.openDialogs.shift();
  },
  async showSaveDialog(options: { readonly title?: string; readonly defaultUri?: Uri } = {}) {
    shown.saveDialogs.push(options);
    return answers.saveDialogs.shift();
  },
  setStatusBarMessage(text: string, timeout: number): Disposable {
    shown.statusBarMessages.push({ text, timeout });
    return new Disposable();
  },
  async withProgress<R>(
    options: { readonly title?: string; readonly cancellable?: boolean },
    task: (progress: { report(value: { increment?: number; message?: string }): void }, token: CancellationTokenSource['token']) => Promise<R>,
  ): Promise<R> {
    const reports: { increment?: number; message?: string }[] = [];
    shown.progress.push({ title: options.title, cancellable: options.cancellable, reports });
    const source = new CancellationTokenSource();
    const running = task({ report: (value) => reports.push(value) }, source.token);
    if (answers.cancelProgress) source.cancel();
    try {
      return await running;
    } finally {
      source.dispose();
    }
  },
};

export const commands = {
  async executeCommand(id: string): Promise<undefined> {
    shown.executedCommands.push(id);
    return undefined;
  },
};

export const extensions = {
  getExtension: (id: string) => answers.extensions.get(id),
};

export const env = {
  async openExternal(uri: Uri): Promise<boolean> {
    shown.external.push(uri.toString());
    return true;
  },
  clipboard: {
    async writeText(text: string): Promise<void> {
      shown.clipboard.push(text);
    },
  },
};

/** Reads real files (the fixtures), with the sizes of `answers.statSizes` where given. */
export const workspace = {
  fs: {
    async stat(uri: Uri): Promise<{ readonly size: number }> {
      const { statSync } = await import('node:fs');
      return { size: answers.statSizes.get(uri.fsPath) ?? statSync(uri.fsPath).size };
    },
    async readFile(uri: Uri): Promise<Uint8Array> {
      const { readFileSync } = await import('node:fs');
      return new Uint8Array(readFileSync(uri.fsPath));
    },
    async writeFile(uri: Uri, bytes: Uint8Array): Promise<void> {
      shown.written.push({ path: uri.path, text: new TextDecoder().decode(bytes) });
    },
  },
  async findFiles(_include: string, _exclude?: string, max?: number): Promise<Uri[]> {
    return answers.workspaceFiles.slice(0, max);
  },
  asRelativePath(uri: Uri): string {
    return uri.path.split('/').pop() ?? uri.path;
  },
  notebookDocuments: [] as NotebookDocument[],
  /** The open folders; `undefined` as in VS Code when none is open. */
  workspaceFolders: undefined as readonly { readonly uri: Uri }[] | undefined,
  /** Whether the workspace is trusted (false: Restricted Mode). */
  isTrusted: true,
  getConfiguration: (section?: string) => ({
    get: <T>(_key: string): T | undefined => undefined,
    async update(key: string, value: unknown, target?: ConfigurationTarget): Promise<void> {
      shown.configUpdates.push({ key: section ? `${section}.${key}` : key, value, target });
    },
  }),
};

/** Back to no editor, nothing shown, nothing scripted. */
export function resetVscode(): void {
  window.activeTextEditor = undefined;
  window.visibleTextEditors = [];
  window.activeNotebookEditor = undefined;
  workspace.notebookDocuments = [];
  window.tabGroups.activeTabGroup.activeTab = undefined;
  workspace.workspaceFolders = undefined;
  workspace.isTrusted = true;
  for (const list of Object.values(shown)) list.length = 0;
  answers.messageChoices.length = 0;
  answers.quickPicks.length = 0;
  answers.inputBoxes.length = 0;
  answers.openDialogs.length = 0;
  answers.saveDialogs.length = 0;
  answers.workspaceFiles.length = 0;
  answers.cancelProgress = false;
  answers.statSizes.clear();
  answers.extensions.clear();
}
