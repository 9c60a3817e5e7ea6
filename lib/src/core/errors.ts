/**
 * Typed errors shared by the whole library, so that callers (the notebooks, the CLI commands, the runner)
 * can tell a user's mistake from a bug and print one clear line instead of a stack trace.
 *
 * A notebook kernel (tslab) prints a failing cell's error with `console.error(e)`, that is `util.inspect(e)`: the
 * stack and every own property. These classes define `util.inspect.custom` so that a user's mistake prints as one
 * paragraph, `DataError: <what, where, what to do>`; bugs (TypeError…) keep their stack.
 */
import { inspect } from 'node:util';

/** How the library's own errors print in a notebook or a terminal: name and message, no stack. */
function plain(this: Error): string {
  return `${this.name}: ${this.message}`;
}

/** Bad input from the caller: a wrong shape, a value out of range, a NaN where none is allowed. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

/** `predict`/`transform` called on an estimator before `fit`. */
export class NotFittedError extends Error {
  override name = 'NotFittedError';
  constructor(estimator: string) {
    super(`${estimator} is not fitted yet: call fit(X) before using it`);
  }
}

/** A data file that cannot be read: names the file, and where known the row, column and value. */
export class DataError extends Error {
  override name = 'DataError';
  constructor(
    message: string,
    readonly file?: string,
    readonly row?: number,
    readonly column?: string,
    readonly value?: string,
  ) {
    super(message);
  }
}

for (const cls of [ValidationError, NotFittedError, DataError]) {
  Object.defineProperty(cls.prototype, inspect.custom, { value: plain, writable: true, configurable: true });
}
