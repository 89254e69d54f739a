import { type FakeKey, fakeKey, fakeRootKey, fileMeta, signEnvelope, targetEntry } from './fake-notary.js';

/** A delegation of the fake repository; its parent is its name's dirname (`targets/a/b` → `targets/a`). */
export interface FakeDelegation {
  name: string;
  keys: FakeKey[];
  threshold?: number;
  paths?: string[];
  /** tag → `sha256:<hex>`. */
  targets: Record<string, string>;
  /** Who actually signs (default: `keys`). */
  signWith?: FakeKey[];
  expires?: Date;
  version?: number;
  /** Declared by its parent but never signed: no file, no snapshot entry (`docker trust signer add` alone). */
  unsigned?: boolean;
}

type TopRole = 'root' | 'timestamp' | 'snapshot' | 'targets';

const FAR = new Date(Date.now() + 365 * 24 * 3600 * 1000);

/**
 * A notary repository written and signed by test code, as notary-server and the docker CLI would
 * write it (tuf/data): every field can be changed, then `files()` signs the chain bottom-up so
 * only what a test broke is broken.
 */
export class FakeRepository {
  keys: Record<Exclude<TopRole, 'root'>, FakeKey> = {
    timestamp: fakeKey(),
    snapshot: fakeKey(),
    targets: fakeKey(),
  };
  thresholds: Record<TopRole, number> = { root: 1, timestamp: 1, snapshot: 1, targets: 1 };
  versions: Record<TopRole, number> = { root: 1, timestamp: 1, snapshot: 1, targets: 1 };
  expires: Record<TopRole, Date> = { root: FAR, timestamp: FAR, snapshot: FAR, targets: FAR };
  /** Who signs each top-level role (default: its key; root: the root key). */
  signWith: Partial<Record<TopRole, FakeKey[]>> = {};
  /** Extra keys listed in a top-level role (for thresholds above 1). */
  extraKeys: Partial<Record<TopRole, FakeKey[]>> = {};
  /** tag → `sha256:<hex>`, signed by the targets role. */
  targets: Record<string, string> = {};
  delegations: FakeDelegation[] = [];
  /** Older root files to serve as `N.root` (a rotation). */
  previousRoots: Record<number, Buffer> = {};

  private constructor(
    readonly gun: string,
    public rootKey: FakeKey,
  ) {}

  static async create(gun: string): Promise<FakeRepository> {
    return new FakeRepository(gun, await fakeRootKey(gun));
  }

  /** root.json as currently set up. */
  rootFile(): Buffer {
    const roleKeys = (role: TopRole, main: FakeKey) => [main, ...(this.extraKeys[role] ?? [])];
    const roles = {
      root: roleKeys('root', this.rootKey),
      timestamp: roleKeys('timestamp', this.keys.timestamp),
      snapshot: roleKeys('snapshot', this.keys.snapshot),
      targets: roleKeys('targets', this.keys.targets),
    };
    const keys = Object.fromEntries(
      Object.values(roles)
        .flat()
        .map((key) => [key.id, key.tuf]),
    );
    const body = {
      _type: 'Root',
      consistent_snapshot: false,
      expires: this.expires.root.toISOString(),
      keys,
      roles: Object.fromEntries(
        Object.entries(roles).map(([role, list]) => [
          role,
          { keyids: list.map((key) => key.id), threshold: this.thresholds[role as TopRole] },
        ]),
      ),
      version: this.versions.root,
    };
    return signEnvelope(body, this.signWith.root ?? [this.rootKey]);
  }

  /** Every file, by notary's name: `root`, `timestamp`, `snapshot`, `targets`, `targets/…`, `N.root`. */
  files(): Record<string, Buffer> {
    const files: Record<string, Buffer> = {};
    for (const [version, bytes] of Object.entries(this.previousRoots)) files[`${version}.root`] = bytes;
    files.root = this.rootFile();
    // Deepest first, so each parent can be signed after its children exist.
    const ordered = [...this.delegations].sort((a, b) => depth(b.name) - depth(a.name));
    for (const delegation of ordered.filter((entry) => !entry.unsigned)) {
      const body = this.targetsBody(
        delegation.name,
        delegation.targets,
        delegation.expires ?? FAR,
        delegation.version ?? 1,
      );
      files[delegation.name] = signEnvelope(body, delegation.signWith ?? delegation.keys);
    }
    const targetsBody = this.targetsBody(
      'targets',
      this.targets,
      this.expires.targets,
      this.versions.targets,
    );
    files.targets = signEnvelope(targetsBody, this.signWith.targets ?? [this.keys.targets]);
    const meta: Record<string, unknown> = { root: fileMeta(files.root) };
    const signed = this.delegations.filter((delegation) => !delegation.unsigned);
    for (const name of ['targets', ...signed.map((delegation) => delegation.name)]) {
      meta[name] = fileMeta(files[name] as Buffer);
    }
    const snapshotBody = {
      _type: 'Snapshot',
      expires: this.expires.snapshot.toISOString(),
      meta,
      version: this.versions.snapshot,
    };
    files.snapshot = signEnvelope(snapshotBody, this.signWith.snapshot ?? [this.keys.snapshot]);
    const timestampBody = {
      _type: 'Timestamp',
      expires: this.expires.timestamp.toISOString(),
      meta: { snapshot: fileMeta(files.snapshot) },
      version: this.versions.timestamp,
    };
    files.timestamp = signEnvelope(timestampBody, this.signWith.timestamp ?? [this.keys.timestamp]);
    return files;
  }

  private targetsBody(role: string, targets: Record<string, string>, expires: Date, version: number): object {
    const children = this.delegations.filter((delegation) => parentOf(delegation.name) === role);
    const keys = Object.fromEntries(children.flatMap((child) => child.keys.map((key) => [key.id, key.tuf])));
    return {
      _type: 'Targets',
      delegations: {
        keys,
        roles: children.map((child) => ({
          keyids: child.keys.map((key) => key.id),
          name: child.name,
          paths: child.paths ?? [''],
          threshold: child.threshold ?? 1,
        })),
      },
      expires: expires.toISOString(),
      targets: Object.fromEntries(Object.entries(targets).map(([tag, digest]) => [tag, targetEntry(digest)])),
      version,
    };
  }
}

function parentOf(name: string): string {
  return name.slice(0, name.lastIndexOf('/'));
}

function depth(name: string): number {
  return name.split('/').length;
}
