import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../settings/atomic-write.js';
import { NotaryError } from './errors.js';

/**
 * What we remember of a repository's trust data between lookups: the root we trusted (on first
 * use, as docker does, or after a rotation signed by the previous root) and the highest version
 * seen of every role, so the server cannot hand us older metadata again (rollback).
 */
export interface DctPin {
  /** The GUN: `127.0.0.1:5000/app`, `docker.io/library/alpine`. */
  gun: string;
  /** The trusted root metadata, byte for byte as served (UTF-8). */
  root: string;
  rootVersion: number;
  /** The root role's key ids in that root: what a changed root is compared against. */
  rootKeyIds: string[];
  /** Highest version seen per role: `timestamp`, `snapshot`, `targets`, `targets/releases`… */
  versions: Record<string, number>;
  /** The notary server the root was first trusted from. */
  server: string;
  /** ISO 8601. */
  pinnedAt: string;
  updatedAt: string;
}

/** Where pins live. The app keeps them in a folder; tests may keep them anywhere. */
export interface DctPinStore {
  get(gun: string): Promise<DctPin | undefined>;
  put(pin: DctPin): Promise<void>;
  list(): Promise<DctPin[]>;
  /** Forgets a repository's root, so the next lookup trusts whatever root it finds. True if there was one. */
  remove(gun: string): Promise<boolean>;
}

const pinSchema = z.object({
  gun: z.string().min(1),
  root: z.string().min(1),
  rootVersion: z.number().int().positive(),
  rootKeyIds: z.array(z.string()),
  versions: z.record(z.string(), z.number().int().nonnegative()),
  server: z.string(),
  pinnedAt: z.string(),
  updatedAt: z.string(),
});

const PIN_SUFFIX = '.json';

/**
 * One JSON file per GUN in a folder the caller chooses (Stevedore's config folder, `dct-pins/`),
 * named by the sha256 of the GUN (GUNs hold `:` and `/`), written atomically.
 */
export class FileDctPinStore implements DctPinStore {
  constructor(private readonly dir: string) {}

  async get(gun: string): Promise<DctPin | undefined> {
    const file = this.fileFor(gun);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw damaged(gun, file, (error as Error).message, error);
    }
    const pin = parsePin(text, file, gun);
    // A file whose GUN is another (copied by hand) must not pin this repository.
    if (pin.gun !== gun) throw damaged(gun, file, `it is the pin of ${pin.gun}`);
    return pin;
  }

  async put(pin: DctPin): Promise<void> {
    await writeFileAtomic(this.fileFor(pin.gun), `${JSON.stringify(pin, null, 2)}\n`);
  }

  async list(): Promise<DctPin[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const pins: DctPin[] = [];
    for (const name of names.filter((entry) => /^[0-9a-f]{64}\.json$/.test(entry)).sort()) {
      const file = join(this.dir, name);
      pins.push(parsePin(await readFile(file, 'utf8'), file, undefined));
    }
    return pins.sort((a, b) => a.gun.localeCompare(b.gun));
  }

  async remove(gun: string): Promise<boolean> {
    const file = this.fileFor(gun);
    try {
      await rm(file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private fileFor(gun: string): string {
    return join(this.dir, createHash('sha256').update(gun, 'utf8').digest('hex') + PIN_SUFFIX);
  }
}

/**
 * A pin that does not read is an error, never "no pin": forgetting a root silently would let a
 * forged root in as if it were the first use.
 */
function parsePin(text: string, file: string, gun: string | undefined): DctPin {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw damaged(gun, file, 'it is not JSON', error);
  }
  const parsed = pinSchema.safeParse(json);
  if (!parsed.success) throw damaged(gun, file, z.prettifyError(parsed.error));
  return parsed.data;
}

function damaged(gun: string | undefined, file: string, why: string, cause?: unknown): NotaryError {
  const what = gun ? `The pinned root of trust of ${gun}` : 'A pinned root of trust';
  return new NotaryError(
    'DCT_CONFIG_INVALID',
    `${what} (${file}) cannot be read: ${why}. Remove the pin in Settings → Trust → Pinned roots to trust the repository's current root again.`,
    { file, ...(gun ? { gun } : {}) },
    { cause },
  );
}
