/**
 * Wait queues: how a blocked guest task learns that what it waits for may
 * have changed (a pipe was written, a child exited, a signal was raised, a
 * futex was woken). Waiters re-check their condition after each wake-up, so
 * a spurious wake-up is harmless.
 * @module
 */

/** A set of waiters woken all at once. */
export class WaitQueue {
  #waiters: (() => void)[] = [];

  /** A promise that settles at the next {@link wake}. */
  wait(): Promise<void> {
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Wake every waiter. */
  wake(): void {
    if (this.#waiters.length === 0) return;
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  /** True when someone waits. */
  get waiting(): boolean {
    return this.#waiters.length > 0;
  }
}
