/** A job was cancelled through its AbortSignal. Not a DivergenceError: nothing is wrong with the inputs. */
export class CancelledError extends Error {
  readonly code = 'cancelled' as const;

  constructor(message = 'the computation was cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function isCancelledError(e: unknown): e is CancelledError {
  return e instanceof CancelledError;
}

/** How long workers get to notice a cancellation before they are terminated and replaced. */
export const CANCEL_GRACE_MS = 100;
