import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encryptCosignKey } from '../../src-main/core/trust/keys/cosign-key-file.js';
import { parsePublicKey } from '../../src-main/core/trust/keys/public-key.js';
import { CLI, isolatedCliEnv, runCli } from '../support/cli.js';
import { freePort } from '../support/ports.js';
import { type PushedManifest, pushImage } from '../support/registry-content.js';
import { notationChain, p256 } from '../support/trust-certificates.js';
import { JWS, notationJws, pushNotationSignature } from '../support/trust-notation-signers.js';
import { classicLayer, cosignPayload, pushClassicSignatures } from '../support/trust-signers.js';

/** `stevedore trust` and `stevedore sign`, built, against the run's registry. */

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const repo = (name: string) => `trust-cli-${run}/${name}`;
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/trust', name), 'utf8');
const mine = p256();
const other = p256();

let work: string;
let env: NodeJS.ProcessEnv;
const file = (name: string) => join(work, name);

interface TrustJson {
  reference: string;
  digest: string | null;
  status: string;
  signatures: Array<{
    kind: string;
    verified: boolean;
    signer: string | null;
    keyId: string | null;
    reason: string | null;
  }>;
  dct: unknown;
}

async function trust(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  const result = await runCli(['trust', ...args], { ...env, ...extraEnv });
  const text = result.stdout.toString('utf8');
  return { ...result, text, json: args.includes('--json') ? (JSON.parse(text) as TrustJson) : undefined };
}

async function image(name: string, tag = 'v1'): Promise<PushedManifest> {
  return pushImage(host, repo(name), tag, { layers: [Buffer.from(`${name}:${tag} ${randomUUID()}`)] });
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  work = await mkdtemp(join(tmpdir(), 'stevedore-trust-cli-'));
  env = isolatedCliEnv(work, inject('dockerHost'));
  await writeFile(file('cosign.key'), await encryptCosignKey(mine.privateKey, 'key password'));
  await writeFile(file('cosign.pub'), mine.publicKey.export({ type: 'spki', format: 'pem' }));
  await writeFile(file('other.pub'), other.publicKey.export({ type: 'spki', format: 'pem' }));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('stevedore trust', () => {
  it('prints exactly the documented JSON for an unsigned image, exit 0 unless --require verified', async () => {
    const pushed = await image('unsigned');
    const reference = `${host}/${repo('unsigned')}:v1`;
    const result = await trust([reference, '--json']);
    expect(result.code).toBe(0);
    expect(result.json).toEqual({
      reference,
      digest: pushed.digest,
      status: 'unsigned',
      signatures: [],
      dct: null,
    });
    expect(Object.keys(result.json!)).toEqual(['reference', 'digest', 'status', 'signatures', 'dct']);
    expect((await trust([reference, '--json', '--require', 'verified'])).code).toBe(1);

    const text = await trust([reference]);
    expect(text.text).toContain('Status:    unsigned\n');
    expect(text.text).toContain('\nNo signatures.\n');
  });

  it('verifies with --key, is "signed" with another key and "invalid" for a signature of another digest', async () => {
    const signed = await image('cosign');
    const layer = classicLayer(cosignPayload(`${host}/${repo('cosign')}`, signed.digest), mine.privateKey);
    await pushClassicSignatures(host, repo('cosign'), signed.digest, [layer]);
    const reference = `${host}/${repo('cosign')}:v1`;

    const verified = await trust([
      reference,
      '--key',
      file('other.pub'),
      '--key',
      file('cosign.pub'),
      '--json',
      '--require',
      'verified',
    ]);
    expect(verified.code).toBe(0);
    expect(verified.json?.status).toBe('verified');
    expect(verified.json?.signatures).toEqual([
      {
        kind: 'cosign',
        verified: true,
        signer: 'cosign.pub',
        keyId: parsePublicKey(mine.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'x').keyId,
        reason: 'key cosign.pub',
      },
    ]);
    const wrong = await trust([reference, '--key', file('other.pub'), '--json', '--require', 'verified']);
    expect(wrong.code).toBe(1);
    expect(wrong.json?.status).toBe('signed');

    const victim = await image('cosign', 'v2');
    await pushClassicSignatures(host, repo('cosign'), victim.digest, [layer]);
    const tampered = await trust([`${host}/${repo('cosign')}:v2`, '--key', file('cosign.pub'), '--json']);
    expect(tampered.code).toBe(0);
    expect(tampered.json?.status).toBe('invalid');
    const text = await trust([`${host}/${repo('cosign')}:v2`, '--key', file('cosign.pub')]);
    expect(text.text).toMatch(/^cosign\s+INVALID\s+cosign\.pub\s+[0-9a-f]{12}\s+signed digest sha256:/m);
  });

  it('verifies a Notation JWS against --trust-store DIR', async () => {
    const target = await image('notation');
    const chain = notationChain();
    const subject = { mediaType: target.mediaType, digest: target.digest, size: target.size };
    const envelope = notationJws({ target: subject, chain: [chain.signer, chain.intermediate, chain.root] });
    await pushNotationSignature(host, repo('notation'), subject, envelope, JWS);
    await mkdir(file('store'));
    await writeFile(file('store/root.crt'), chain.root.pem);
    const reference = `${host}/${repo('notation')}:v1`;
    expect((await trust([reference, '--json'])).json?.status).toBe('signed');
    const result = await trust([reference, '--trust-store', file('store'), '--json']);
    expect(result.json?.signatures).toEqual([
      {
        kind: 'notation',
        verified: true,
        signer: 'O=stevedore-tests, CN=release signer',
        // Notation names the signing certificate by its sha256 thumbprint.
        keyId: createHash('sha256').update(chain.signer.der).digest('hex'),
        reason: 'trust store store',
      },
    ]);
  });

  it('says why, on stderr, when the registry does not answer: status error, exit 0 (1 with --require)', async () => {
    const reference = `127.0.0.1:${await freePort()}/app:v1`;
    const result = await trust([reference, '--json']);
    expect(result.code).toBe(0);
    expect(result.json).toEqual({ reference, digest: null, status: 'error', signatures: [], dct: null });
    expect(result.stderr).toMatch(/^stevedore: .*127\.0\.0\.1/);
    expect((await trust([reference, '--require', 'verified'])).code).toBe(1);
  });

  it('refuses a bad command line with exit 2', async () => {
    expect((await trust(['x:v1', '--require', 'signed'])).code).toBe(2);
    const missing = await trust([`${host}/${repo('unsigned')}:v1`, '--key', file('missing.pub')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--key ${file('missing.pub')}`);
  });
});

describe('stevedore sign', () => {
  it('signs with a cosign.key, and `trust --key cosign.pub` verifies it; a second run adds nothing', async () => {
    const target = await image('signed');
    const reference = `${host}/${repo('signed')}:v1`;
    const locked = await runCli(['sign', reference, '--key', file('cosign.key')], env);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toContain('set STEVEDORE_KEY_PASSWORD (or COSIGN_PASSWORD)');
    const wrong = await runCli(['sign', reference, '--key', file('cosign.key')], {
      ...env,
      STEVEDORE_KEY_PASSWORD: 'no',
    });
    expect(wrong.code).toBe(1);

    const signed = await runCli(['sign', reference, '--key', file('cosign.key')], {
      ...env,
      COSIGN_PASSWORD: 'key password',
    });
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    expect(signed.stdout.toString()).toBe(`sha256-${target.digest.slice(7)}.sig\n`);

    const verified = await trust([reference, '--key', file('cosign.pub'), '--json', '--require', 'verified']);
    expect(verified.code).toBe(0);
    expect(verified.json?.signatures).toEqual([
      expect.objectContaining({ kind: 'cosign', verified: true, signer: 'cosign.pub' }),
    ]);

    const again = await runCli(['sign', reference, '--key', file('cosign.key'), '--json'], {
      ...env,
      COSIGN_PASSWORD: 'key password',
    });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.toString())).toEqual({
      reference,
      digest: target.digest,
      tag: `sha256-${target.digest.slice(7)}.sig`,
      manifestDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      added: false,
    });
    expect(again.stderr).toContain('had signed');
  });

  it('writes a signature shaped as the cosign sample: manifest, config and payload', async () => {
    const target = await image('shape');
    const reference = `${host}/${repo('shape')}:v1`;
    const signed = await runCli(['sign', reference, '--key', file('cosign.key')], {
      ...env,
      STEVEDORE_KEY_PASSWORD: 'key password',
    });
    expect(signed.code).toBe(0);
    const base = `http://${host}/v2/${repo('shape')}`;
    const manifestText = await (
      await fetch(`${base}/manifests/sha256-${target.digest.slice(7)}.sig`, {
        headers: { accept: 'application/vnd.oci.image.manifest.v1+json' },
      })
    ).text();
    const shape = (json: string) =>
      json
        .replace(/sha256:[a-f0-9]{64}/g, 'D')
        .replace(/"size":\d+/g, '"size":N')
        .replace(/"[A-Za-z0-9+/=]{60,}"/g, '"SIG"');
    expect(shape(manifestText)).toBe(shape(fixture('cosign-legacy.sig.manifest.json.raw')));
    const manifest = JSON.parse(manifestText) as {
      config: { digest: string };
      layers: Array<{ digest: string }>;
    };
    const config = await (await fetch(`${base}/blobs/${manifest.config.digest}`)).text();
    expect(shape(config)).toBe(shape(fixture('cosign-legacy.sig.config.json.raw')));
    const payload = await (await fetch(`${base}/blobs/${manifest.layers[0]!.digest}`)).text();
    expect(payload).toBe(
      fixture('cosign-legacy.simplesigning.payload.json.raw')
        .replace('127.0.0.1:5002/demo', `${host}/${repo('shape')}`)
        .replace(/sha256:[a-f0-9]{64}/, target.digest),
    );
  });
});
