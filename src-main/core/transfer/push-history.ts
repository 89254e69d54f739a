import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../settings/atomic-write.js';

/** One push that succeeded: which local image went where, pinned by the digest the registry stored. */
export interface PushRecord {
  /** The local image id (`sha256:…`). */
  image: string;
  /** `host/repository@sha256:…` */
  reference: string;
  /** ISO 8601. */
  at: string;
}

/** Enough for years of pushes by hand; the oldest go first. */
const MAX_RECORDS = 2000;

export function pushHistoryFile(configDir: string): string {
  return join(configDir, 'push-history.json');
}

/**
 * Where each local image was pushed. The engine forgets: it drops an image's RepoDigests with the
 * tag a push used, and the push dialog removes its temporary tags. This memory is what lets a later
 * push know which registry already holds the layers, and lets trust badges follow pushed images.
 * It is only ever a hint: a registry may have deleted since, and plans check before they claim.
 */
export class PushHistory {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private records: PushRecord[],
  ) {}

  static async open(file: string): Promise<PushHistory> {
    return new PushHistory(file, await readRecords(file));
  }

  /** The references `image` was pushed to, newest first. */
  referencesOf(image: string): string[] {
    return this.records
      .filter((record) => record.image === image)
      .reverse()
      .map((record) => record.reference);
  }

  /**
   * Remembers a push, merged with what other processes (the CLI beside the app) recorded since we
   * read the file. A write that fails loses a hint, never a push: it is reported, not thrown.
   */
  record(image: string, reference: string, at = new Date()): Promise<void> {
    this.writing = this.writing.then(async () => {
      const current = await readRecords(this.file);
      const kept = current.filter((r) => !(r.image === image && r.reference === reference));
      this.records = [...kept, { image, reference, at: at.toISOString() }].slice(-MAX_RECORDS);
      await writeFileAtomic(this.file, `${JSON.stringify(this.records)}\n`).catch((error: Error) => {
        console.warn(`stevedore: could not remember the push in ${this.file}: ${error.message}`);
      });
    });
    return this.writing;
  }
}

/** The file's records; a missing or damaged file is an empty history (it only holds hints). */
async function readRecords(file: string): Promise<PushRecord[]> {
  const text = await readFile(file, 'utf8').catch(() => '[]');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function isRecord(value: unknown): value is PushRecord {
  if (!value || typeof value !== 'object') return false;
  const { image, reference, at } = value as Record<string, unknown>;
  return typeof image === 'string' && typeof reference === 'string' && typeof at === 'string';
}
