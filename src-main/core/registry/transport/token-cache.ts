/** A token is dropped this long before it expires (or after 90% of its life, if it is that short). */
const EXPIRY_MARGIN_MS = 10_000;

interface Entry {
  token: string;
  validUntil: number;
}

/**
 * Bearer tokens by key (realm, service and the sorted scopes), kept until shortly before they
 * expire. Concurrent requests for the same key share one fetch.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached token, or the one `fetch` gets (sharing a fetch already running for the key). */
  async get(
    key: string,
    fetch: () => Promise<{ token: string; expiresInSeconds: number }>,
  ): Promise<{ token: string; fresh: boolean }> {
    const entry = this.entries.get(key);
    if (entry && entry.validUntil > this.now()) return { token: entry.token, fresh: false };
    this.entries.delete(key);
    let running = this.pending.get(key);
    if (!running) {
      running = fetch()
        .then(({ token, expiresInSeconds }) => {
          const lifetime = expiresInSeconds * 1000;
          const margin = Math.min(EXPIRY_MARGIN_MS, lifetime / 10);
          this.entries.set(key, { token, validUntil: this.now() + lifetime - margin });
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return { token: await running, fresh: true };
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets tokens that have expired, so a long-lived transport does not collect them. */
  prune(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.validUntil <= now) this.entries.delete(key);
  }
}
