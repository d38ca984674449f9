/**
 * Per-host politeness: at most `perHost` requests in flight to one host, and request starts to
 * one host at least `delayMs` apart (raised by the host's robots.txt `Crawl-delay`). Different
 * hosts do not wait for each other.
 */
interface HostState {
  active: number;
  waiting: (() => void)[];
  /** Earliest time (ms) the next request to this host may start. */
  nextStart: number;
}

export class HostQueue {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly perHost: number,
    private readonly delayMs: number,
  ) {}

  /** Run `task` when `host` has a free slot and its delay has passed. */
  async run<T>(host: string, task: () => Promise<T>, delayMs = this.delayMs): Promise<T> {
    const state = this.state(host);
    while (state.active >= this.perHost) await new Promise<void>((wake) => state.waiting.push(wake));
    state.active++;
    try {
      const now = Date.now();
      const wait = state.nextStart - now;
      state.nextStart = Math.max(now, state.nextStart) + delayMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await task();
    } finally {
      state.active--;
      state.waiting.shift()?.();
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, waiting: [], nextStart: 0 };
      this.hosts.set(host, state);
    }
    return state;
  }
}
