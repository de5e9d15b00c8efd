import * as vscode from 'vscode';
import { isCancelledError, KlWorkerPool, type PoolKlResult } from '../compute';

/**
 * Big inputs off the extension host's thread: a `KlWorkerPool` (two worker threads running the WASM kernel,
 * started on first use) behind `vscode.window.withProgress`, with a Cancel button that stops the job within a
 * few milliseconds. The host's event loop keeps turning while the workers compute.
 */
export class OffThreadKl implements vscode.Disposable {
  private workers: KlWorkerPool | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The pool (two workers), started on first use. */
  pool(): KlWorkerPool {
    this.workers ??= new KlWorkerPool({ workerPath: vscode.Uri.joinPath(this.extensionUri, 'dist', 'worker.js').fsPath });
    return this.workers;
  }

  /**
   * Runs `job` on the pool with a cancellable progress notification titled `title`. Resolves to its result,
   * or to undefined when the user cancelled. Other errors reject.
   */
  run(
    title: string,
    job: (pool: KlWorkerPool, signal: AbortSignal, onProgress: (fraction: number) => void) => Promise<PoolKlResult>,
  ): Promise<PoolKlResult | undefined> {
    const pool = this.pool();
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const controller = new AbortController();
        const subscription = token.onCancellationRequested(() => controller.abort());
        const onProgress = percentReporter(progress);
        try {
          return await job(pool, controller.signal, onProgress);
        } catch (e) {
          if (isCancelledError(e)) return undefined;
          throw e;
        } finally {
          subscription.dispose();
        }
      }),
    );
  }

  dispose(): void {
    void this.workers?.dispose();
    this.workers = undefined;
  }
}

/** A fraction-done callback for a `withProgress` notification: whole percents, each reported once. */
export function percentReporter(progress: vscode.Progress<{ message?: string; increment?: number }>): (fraction: number) => void {
  let reported = 0;
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (percent <= reported) return;
    progress.report({ increment: percent - reported, message: `${percent}%` });
    reported = percent;
  };
}
