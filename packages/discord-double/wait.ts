import { EventEmitter } from 'node:events';

export interface WaitOptions {
  timeoutMs?: number;
  /** Says what was awaited; the timeout error starts with it. */
  description?: string;
  /** Extra diagnostics appended to the timeout error (evaluated only on timeout). */
  diagnostics?: () => string;
}

/**
 * Every state change (REST call answered, gateway event sent) calls `notify()`; waiters re-run their
 * probe then. No polling, no sleeps in tests.
 */
export class ChangeFeed {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  notify(): void {
    this.emitter.emit('change');
  }

  /** Resolves with the probe's first non-undefined result. */
  waitFor<T>(probe: () => T | undefined, options: WaitOptions = {}): Promise<T> {
    const initial = probe();
    if (initial !== undefined) return Promise.resolve(initial);
    const timeoutMs = options.timeoutMs ?? 5000;
    return new Promise<T>((resolve, reject) => {
      const onChange = () => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const extra = options.diagnostics ? `\n${options.diagnostics()}` : '';
        reject(new Error(`${options.description ?? 'Condition'} not met within ${timeoutMs}ms${extra}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.emitter.off('change', onChange);
      };
      this.emitter.on('change', onChange);
    });
  }
}
