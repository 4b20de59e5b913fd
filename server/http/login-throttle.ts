/**
 * Slows password guessing: after `maxFailures` wrong passwords for one user name within `windowMs`, logins for
 * that name are refused (429) until the window has passed. In memory: a restart forgets, which is acceptable for
 * a throttle (scrypt already makes each guess slow).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before the next attempt, or 0. */
  retryAfter(user: string): number {
    const recent = this.recent(user);
    if (recent.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
  }

  failed(user: string): void {
    const recent = this.recent(user);
    recent.push(this.now());
    this.failures.set(user, recent);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(user: string): void {
    this.failures.delete(user);
  }

  private recent(user: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.failures.get(user) ?? []).filter((t) => t > since);
  }
}
