import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../src-main/core/engine/connect.js';
import { imageRemove } from '../../src-main/core/engine/images.js';
import type { EngineEndpoint } from '../../src-main/core/engine/types.js';
import { parseRepository } from '../../src-main/core/reference/index.js';
import { NotaryHttpSource, notaryTransport } from '../../src-main/core/trust/notary/http-source.js';
import {
  type DctResult,
  type DctVerified,
  dctSignatures,
  FileDctPinStore,
  NotaryClient,
  resolveNotaryServer,
  verifyDct,
} from '../../src-main/core/trust/notary/index.js';
import { trustStatus } from '../../src-main/core/trust/status.js';
import { FakeMetadataSource } from '../support/fake-notary.js';
import { buildScratchImage } from '../support/images.js';
import { docker, dockerTrustEnv, type NotaryServers, startNotary } from '../support/notary.js';

/**
 * Attacks on real trust data: metadata the real notary server served for a repository the docker
 * CLI signed, then expired by the clock, replayed, edited, or replaced by another server's root;
 * and a legitimate root rotation made with the notary CLI. Edited and replayed copies are served
 * from memory (no real server serves tampered data).
 */

const endpoint: EngineEndpoint = { id: 'env', name: 'DOCKER_HOST', url: inject('dockerHost'), source: 'env' };
const engine = connect(endpoint);
const repository = `${inject('registryHost')}/dct-attack-${randomUUID().slice(0, 8)}`;
const FIFTEEN_DAYS = 15 * 24 * 3600 * 1000;

let notary: NotaryServers;
let work: string;
let env: NodeJS.ProcessEnv;
/** Real metadata after the first signed push (v1), and after the second (v2). */
let before: Record<string, Buffer>;
let after: Record<string, Buffer>;
const images: string[] = [];

async function signedPush(tag: string, pushEnv: NodeJS.ProcessEnv): Promise<void> {
  images.push(
    await buildScratchImage(engine, `${repository}:${tag}`, { 'tag.txt': `${tag} ${randomUUID()}` }),
  );
  await docker(['push', `${repository}:${tag}`], pushEnv);
}

/** The top-level metadata as the notary server serves it now. */
async function capture(): Promise<Record<string, Buffer>> {
  const server = await resolveNotaryServer(inject('registryHost'), {
    env: { HOME: work, DOCKER_CONFIG: env.DOCKER_CONFIG, DOCKER_CONTENT_TRUST_SERVER: notary.url },
    now: new Date(),
  });
  const transport = notaryTransport({ server, registry: inject('registryHost') });
  const source = new NotaryHttpSource(transport, server, repository, inject('registryHost'));
  const files: Record<string, Buffer> = {};
  for (const name of ['root', 'timestamp', 'snapshot', 'targets'])
    files[name] = (await source.fetch(name, 1 << 20))!;
  await transport.close();
  return files;
}

function client(pins: string, opts: { now?: () => Date } = {}): NotaryClient {
  return new NotaryClient({
    env: { HOME: work, DOCKER_CONFIG: env.DOCKER_CONFIG, DOCKER_CONTENT_TRUST_SERVER: notary.url },
    pins: new FileDctPinStore(join(work, pins)),
    ...(opts.now ? { now: opts.now } : {}),
  });
}

async function lookup(
  pins: string,
  opts: { now?: () => Date; server?: string; caPem?: string } = {},
): Promise<DctResult> {
  const dct = client(pins, opts);
  try {
    return await dct.lookup(parseRepository(repository), {
      ...(opts.server ? { server: opts.server } : {}),
      ...(opts.caPem ? { caPem: opts.caPem } : {}),
    });
  } finally {
    await dct.close();
  }
}

/** Verifies `files` against the pins a real lookup left in `pins`. */
function replay(files: Record<string, Buffer>, pins: string): Promise<DctResult> {
  return verifyDct({
    gun: repository,
    server: { url: notary.url, source: 'env', caDir: '' },
    source: new FakeMetadataSource(files, notary.url),
    pins: new FileDctPinStore(join(work, pins)),
    now: new Date(),
  });
}

function errorOf(result: DctResult): { code: string; message: string } {
  if (result.state !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
  return result.error;
}

function edited(
  files: Record<string, Buffer>,
  name: string,
  edit: (text: string) => string,
): Record<string, Buffer> {
  return { ...files, [name]: Buffer.from(edit(files[name]!.toString('utf8')), 'utf8') };
}

beforeAll(async () => {
  notary = await startNotary();
  work = await mkdtemp(join(tmpdir(), 'stevedore-dct-attack-'));
  env = await dockerTrustEnv(work, endpoint.url, notary);
  await signedPush('v1', env);
  before = await capture();
  await signedPush('v2', env);
  after = await capture();
  // The pins every attack is judged against: what a first, honest lookup trusted.
  const honest = await lookup('pins');
  if (honest.state !== 'verified')
    throw new Error(`the real data does not verify: ${JSON.stringify(honest)}`);
}, 180_000);

afterAll(async () => {
  for (const id of images) await imageRemove(engine, id, { force: true }).catch(() => undefined);
  await notary?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('attacks on real trust data', () => {
  it('the real data verifies, fetched or replayed as served', async () => {
    expect((await lookup('pins')).state).toBe('verified');
    expect((await replay(after, 'pins')).state).toBe('verified');
  });

  it('an expired timestamp (the clock fifteen days on: notary-server signs timestamps for 14)', async () => {
    const result = await lookup('pins-clock', { now: () => new Date(Date.now() + FIFTEEN_DAYS) });
    const error = errorOf(result);
    expect(error.code).toBe('DCT_EXPIRED');
    expect(error.message).toMatch(
      new RegExp(`^The timestamp metadata of ${repository.replace(/[.]/g, '\\.')} expired on `),
    );
    expect(trustStatus(dctSignatures(result, { digest: `sha256:${'0'.repeat(64)}` }))).toBe('invalid');
  });

  it('a rollback to the metadata served before the last push', async () => {
    const error = errorOf(await replay(before, 'pins'));
    expect(error.code).toBe('DCT_ROLLBACK');
    expect(error.message).toMatch(
      /^The notary server sent version \d+ of the timestamp metadata .*, older than version \d+ seen before/,
    );
  });

  it('targets modified after signing', async () => {
    const targets = JSON.parse(after.targets!.toString('utf8'));
    const hash = targets.signed.targets.v1.hashes.sha256 as string;
    const forged = edited(after, 'targets', (text) =>
      text.replace(hash, `${hash[0] === 'A' ? 'B' : 'A'}${hash.slice(1)}`),
    );
    const error = errorOf(await replay(forged, 'pins'));
    expect(error.code).toBe('DCT_HASH_MISMATCH');
    expect(error.message).toContain('The targets metadata of');
    expect(error.message).toContain('is not the one the snapshot metadata vouches for');
  });

  it("a timestamp carrying another role's signature", async () => {
    const snapshotSig = JSON.parse(after.snapshot!.toString('utf8')).signatures[0].sig as string;
    const timestampSig = JSON.parse(after.timestamp!.toString('utf8')).signatures[0].sig as string;
    const error = errorOf(
      await replay(
        edited(after, 'timestamp', (text) => text.replace(timestampSig, snapshotSig)),
        'pins',
      ),
    );
    expect(error.code).toBe('DCT_SIGNATURE_INVALID');
    expect(error.message).toContain('timestamp metadata');
    expect(error.message).toContain('the signature does not match');
  });
});

describe('the root of trust', () => {
  it('a replaced root (the repository signed anew on another notary server) is refused loudly', async () => {
    const other = await startNotary();
    try {
      const otherEnv = await dockerTrustEnv(join(work, 'elsewhere'), endpoint.url, other);
      await signedPush('v1', otherEnv);
      const result = await lookup('pins', { server: other.url, caPem: other.caPem });
      const error = errorOf(result);
      expect(error.code).toBe('DCT_ROOT_CHANGED');
      expect(error.message).toContain(
        `WARNING: the root of trust of ${repository} has changed since you first trusted it`,
      );
      // The docker CLI, whose trust dir holds the first root, refuses the other server's data too (its debug log says why).
      const dockerSays = await docker(['-D', 'trust', 'inspect', repository], {
        ...env,
        DOCKER_CONTENT_TRUST_SERVER: other.url,
      }).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
      expect(dockerSays).toContain('could not rotate trust to a new trusted root');
    } finally {
      await other.stop();
    }
  });

  it('a root rotated with the notary CLI (signed by the old root key) is followed and pinned', async () => {
    const pinned = (await new FileDctPinStore(join(work, 'pins')).get(repository))!;
    await rotateRoot();
    const result = (await lookup('pins')) as DctVerified;
    expect(result.state).toBe('verified');
    expect(result.root.trust).toBe('rotated');
    expect(result.root.keyIds).not.toEqual(pinned.rootKeyIds);
    expect(result.notices.map((notice) => notice.code)).toContain('DCT_ROOT_ROTATED');
    const [inspect] = JSON.parse(await docker(['trust', 'inspect', repository], env));
    expect(result.summary.rootKeyIds).toEqual(
      inspect.AdministrativeKeys.find((role: { Name: string }) => role.Name === 'Root').Keys.map(
        (key: { ID: string }) => key.ID,
      ),
    );
  });
});

/** `notary key rotate <GUN> root`, with the docker CLI's trust dir and passphrases. */
async function rotateRoot(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      'notary',
      [
        '-s',
        notary.url,
        '-d',
        join(env.DOCKER_CONFIG!, 'trust'),
        '--tlscacert',
        notary.caFile,
        'key',
        'rotate',
        repository,
        'root',
      ],
      {
        env: {
          PATH: process.env.PATH,
          HOME: work,
          NOTARY_ROOT_PASSPHRASE: env.DOCKER_CONTENT_TRUST_ROOT_PASSPHRASE,
          NOTARY_TARGETS_PASSPHRASE: env.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE,
          NOTARY_SNAPSHOT_PASSPHRASE: env.DOCKER_CONTENT_TRUST_REPOSITORY_PASSPHRASE,
        },
        timeout: 60_000,
      },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`notary key rotate failed: ${stderr || error.message}`)) : resolve(),
    );
    // It asks for a confirmation before rotating a root key.
    child.stdin?.end('yes\n');
  });
}
