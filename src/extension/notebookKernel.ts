import * as vscode from 'vscode';
import { JSON_MARK } from './notebookKernelCode';

/**
 * The Jupyter extension's public kernel API, as far as this extension uses it. The shapes follow the published
 * types of microsoft/vscode-jupyter `src/api.d.ts` (`Jupyter.kernels`, `Kernels.getKernel(uri)`,
 * `Kernel.language`, `Kernel.executeCode(code, token): AsyncIterable<Output>`, `Output.items`, `OutputItem
 * { mime, data: Uint8Array }`), declared here so that the extension needs no dependency on the Jupyter package.
 */
export interface KernelOutputItem {
  readonly mime: string;
  readonly data: Uint8Array;
}

export interface KernelOutput {
  readonly items: readonly KernelOutputItem[];
}

export interface JupyterKernel {
  readonly language: string;
  executeCode(code: string, token: vscode.CancellationToken): AsyncIterable<KernelOutput>;
}

export interface JupyterApi {
  readonly kernels: { getKernel(uri: vscode.Uri): Thenable<JupyterKernel | undefined> };
}

/** The Jupyter extension's id in the Marketplace and Open VSX. */
export const JUPYTER_EXTENSION_ID = 'ms-toolsai.jupyter';

/** The Jupyter extension's API, activating it; undefined when it is not installed. */
export async function jupyterApi(): Promise<JupyterApi | undefined> {
  const extension = vscode.extensions.getExtension<JupyterApi>(JUPYTER_EXTENSION_ID);
  if (!extension) return undefined;
  return extension.isActive ? extension.exports : extension.activate();
}

/**
 * What a kernel writes to stdout: the published API names the stream `application/x.notebook.stream.stdout`
 * while the Jupyter extension yields VS Code's `NotebookCellOutputItem.stdout` mime; both are read.
 */
const STDOUT_MIMES = new Set(['application/vnd.code.notebook.stdout', 'application/x.notebook.stream.stdout']);
/** A Python exception in the kernel: `NotebookCellOutputItem.error`, JSON `{ name, message, stack }`. */
const ERROR_MIME = 'application/vnd.code.notebook.error';
/** The `name` of the error the Jupyter extension throws when the user denied this extension kernel access. */
const ACCESS_DENIED = 'vscode.jupyter.apiAccessRevoked';

/** Why running code in the kernel gave no answer, in words a person can act on. */
export class KernelProblem {
  constructor(
    readonly message: string,
    readonly code: 'denied' | 'error' | 'no-answer',
  ) {}
}

/**
 * Run `code` in `kernel` (the Jupyter extension asks the user, once, to allow it) and return the JSON it printed
 * after JSON_MARK; undefined when `token` was cancelled; a KernelProblem for a Python exception, denied access
 * or no answer.
 */
export async function runForJson(kernel: JupyterKernel, code: string, token: vscode.CancellationToken): Promise<unknown> {
  const decoder = new TextDecoder();
  let stdout = '';
  try {
    for await (const output of kernel.executeCode(code, token)) {
      for (const item of output.items) {
        if (STDOUT_MIMES.has(item.mime)) stdout += decoder.decode(item.data);
        else if (item.mime === ERROR_MIME) return new KernelProblem(`the kernel raised ${pythonError(decoder.decode(item.data))}`, 'error');
      }
    }
  } catch (e) {
    if (token.isCancellationRequested) return undefined;
    if (e instanceof Error && e.name === ACCESS_DENIED) {
      return new KernelProblem(`Divergence Lens has no access to the kernel (${e.message}); allow it with "Jupyter: Manage Access To Jupyter Kernels"`, 'denied');
    }
    return new KernelProblem(`the kernel could not run the code: ${e instanceof Error ? e.message : String(e)}`, 'error');
  }
  if (token.isCancellationRequested) return undefined;
  const line = stdout.split(/\r?\n/).reverse().find((l) => l.startsWith(JSON_MARK));
  if (line === undefined) return new KernelProblem('the kernel printed no answer', 'no-answer');
  try {
    return JSON.parse(line.slice(JSON_MARK.length)) as unknown;
  } catch {
    return new KernelProblem('the kernel printed an answer that is not JSON', 'no-answer');
  }
}

/** "NameError: name 'x' is not defined" from the error item's JSON. */
function pythonError(json: string): string {
  try {
    const e = JSON.parse(json) as { name?: string; message?: string };
    return `${e.name ?? 'an error'}: ${e.message ?? ''}`.replace(/: $/, '');
  } catch {
    return json;
  }
}
