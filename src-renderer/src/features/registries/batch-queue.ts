/**
 * Fetches keys in batches with a bound on requests in flight: the tag table asks for the details
 * of the rows in view, and sorting by date asks for all of them, without flooding the registry.
 * Rows in view go first; the backlog fills the gaps. Keys already settled or in flight are skipped.
 */

export interface BatchQueueOptions {
  batchSize: number;
  concurrency: number;
  /** Known already (fetched, or failed for good): never asked for again. */
  isSettled: (key: string) => boolean;
  /** Fetches one batch and records the outcome, so isSettled holds after; should not reject. */
  fetchBatch: (keys: string[]) => Promise<void>;
}

export interface BatchQueue {
  /** What the user looks at now: replaces the previous urgent keys. */
  setUrgent(keys: readonly string[]): void;
  /** Everything wanted eventually (or nothing): replaces the previous backlog. */
  setBacklog(keys: readonly string[]): void;
  /** Requests on their way. */
  inFlight(): number;
  /** Forgets what is waiting; requests in flight still land. */
  clear(): void;
}

export function createBatchQueue(options: BatchQueueOptions): BatchQueue {
  const { batchSize, concurrency, isSettled, fetchBatch } = options;
  let urgent: readonly string[] = [];
  let urgentAt = 0;
  let backlog: readonly string[] = [];
  let backlogAt = 0;
  const flying = new Set<string>();
  let requests = 0;

  const wanted = (key: string) => !flying.has(key) && !isSettled(key);

  /** Up to batchSize wanted keys, urgent first; the cursors only move forward over each list. */
  const nextBatch = (): string[] => {
    const batch: string[] = [];
    const chosen = new Set<string>();
    const take = (key: string) => {
      if (!chosen.has(key) && wanted(key)) {
        chosen.add(key);
        batch.push(key);
      }
    };
    while (batch.length < batchSize && urgentAt < urgent.length) take(urgent[urgentAt++]!);
    while (batch.length < batchSize && backlogAt < backlog.length) take(backlog[backlogAt++]!);
    return batch;
  };

  const pump = () => {
    while (requests < concurrency) {
      const batch = nextBatch();
      if (batch.length === 0) return;
      requests += 1;
      for (const key of batch) flying.add(key);
      fetchBatch(batch)
        .catch(() => {})
        .finally(() => {
          requests -= 1;
          for (const key of batch) flying.delete(key);
          pump();
        });
    }
  };

  return {
    setUrgent(keys) {
      urgent = keys;
      urgentAt = 0;
      pump();
    },
    setBacklog(keys) {
      backlog = keys;
      backlogAt = 0;
      pump();
    },
    inFlight: () => requests,
    clear() {
      urgent = [];
      backlog = [];
      urgentAt = 0;
      backlogAt = 0;
    },
  };
}
