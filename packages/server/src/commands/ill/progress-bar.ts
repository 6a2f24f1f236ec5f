/**
 * A one-line progress bar for a terminal: redrawn in place at most ten times a second, and
 * cleared when done so the summary that follows starts on a clean line.
 */

/** Shows progress of `total` units (bytes) on a TTY stream. */
export class ProgressBar {
  #lastDrawn = 0;
  #isShown = false;
  readonly #stream: NodeJS.WritableStream;
  readonly #total: number;
  readonly #width: number;
  readonly #now: () => number;

  constructor(stream: NodeJS.WritableStream, total: number, { width = 30, now = () => Date.now() } = {}) {
    this.#stream = stream;
    this.#total = Math.max(1, total);
    this.#width = width;
    this.#now = now;
  }

  /** Redraws with `done` of the total units behind `label` (throttled to every 100 ms). */
  update(done: number, label: string): void {
    const time = this.#now();
    if (this.#isShown && time - this.#lastDrawn < 100) return;
    this.#lastDrawn = time;
    this.#isShown = true;
    const fraction = Math.min(1, Math.max(0, done / this.#total));
    const filled = Math.round(fraction * this.#width);
    const bar = '#'.repeat(filled) + '-'.repeat(this.#width - filled);
    this.#stream.write(`\r[${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label}\x1b[K`);
  }

  /** Removes the bar from the screen. */
  clear(): void {
    if (this.#isShown) this.#stream.write('\r\x1b[K');
    this.#isShown = false;
  }
}
