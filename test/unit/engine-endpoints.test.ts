import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverEndpoints, dockerConfigDir } from '../../src-main/core/engine/endpoints.js';

/** Writes a context the way `docker context create` does (checked against docker CLI 20.10 and 28). */
async function writeContext(
  configDir: string,
  name: string,
  docker: { Host: string; SkipTLSVerify?: boolean },
  tls?: Partial<Record<'ca.pem' | 'cert.pem' | 'key.pem', string>>,
): Promise<string> {
  const hash = createHash('sha256').update(name).digest('hex');
  const metaDir = join(configDir, 'contexts', 'meta', hash);
  await mkdir(metaDir, { recursive: true });
  const meta = { Name: name, Metadata: {}, Endpoints: { docker: { SkipTLSVerify: false, ...docker } } };
  await writeFile(join(metaDir, 'meta.json'), JSON.stringify(meta));
  const tlsDir = join(configDir, 'contexts', 'tls', hash, 'docker');
  if (tls) {
    await mkdir(tlsDir, { recursive: true });
    for (const [file, content] of Object.entries(tls))
      await writeFile(join(tlsDir, file), content, { mode: 0o600 });
  }
  return tlsDir;
}

describe('discoverEndpoints', () => {
  let configDir: string;
  beforeEach(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'stevedore-docker-config-'));
  });
  afterEach(async () => {
    await rm(configDir, { recursive: true, force: true });
  });

  it('offers only the default socket when nothing is configured', async () => {
    const found = await discoverEndpoints({ env: { DOCKER_CONFIG: configDir }, platform: 'linux' });
    expect(found.endpoints).toEqual([
      { id: 'default', name: 'default', url: 'unix:///var/run/docker.sock', source: 'default' },
    ]);
    expect(found.preferredId).toBe('default');
    expect(found.skipped).toEqual([]);
  });

  it('uses the named pipe as the default on Windows', async () => {
    const found = await discoverEndpoints({ env: { DOCKER_CONFIG: configDir }, platform: 'win32' });
    expect(found.endpoints.at(-1)?.url).toBe('npipe:////./pipe/docker_engine');
  });

  it('lists every context with its TLS material and honours SkipTLSVerify', async () => {
    const tlsDir = await writeContext(
      configDir,
      'remote',
      { Host: 'tcp://10.0.0.1:2376' },
      { 'ca.pem': 'x' },
    );
    await writeContext(configDir, 'insecure', { Host: 'tcp://10.0.0.2:2376', SkipTLSVerify: true });
    await writeContext(configDir, 'local', { Host: 'unix:///run/user/1000/docker.sock' });
    await writeContext(configDir, 'plain', { Host: 'tcp://10.0.0.3:2375' });
    const found = await discoverEndpoints({ env: { DOCKER_CONFIG: configDir }, platform: 'linux' });
    expect(found.endpoints).toEqual([
      {
        id: 'context:insecure',
        name: 'insecure',
        url: 'tcp://10.0.0.2:2376',
        source: 'context',
        tlsVerify: false,
      },
      { id: 'context:local', name: 'local', url: 'unix:///run/user/1000/docker.sock', source: 'context' },
      { id: 'context:plain', name: 'plain', url: 'tcp://10.0.0.3:2375', source: 'context' },
      {
        id: 'context:remote',
        name: 'remote',
        url: 'tcp://10.0.0.1:2376',
        source: 'context',
        tlsCertPath: tlsDir,
        tlsVerify: true,
      },
      { id: 'default', name: 'default', url: 'unix:///var/run/docker.sock', source: 'default' },
    ]);
  });

  it('prefers DOCKER_HOST, then DOCKER_CONTEXT, then currentContext, then the default', async () => {
    await writeContext(configDir, 'alpha', { Host: 'unix:///tmp/alpha.sock' });
    await writeContext(configDir, 'beta', { Host: 'unix:///tmp/beta.sock' });
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: 'alpha' }));
    const base = { DOCKER_CONFIG: configDir };

    const all = await discoverEndpoints({
      env: { ...base, DOCKER_HOST: 'unix:///tmp/env.sock', DOCKER_CONTEXT: 'beta' },
      platform: 'linux',
    });
    expect(all.preferredId).toBe('env');
    expect(all.endpoints[0]).toEqual({
      id: 'env',
      name: 'DOCKER_HOST',
      url: 'unix:///tmp/env.sock',
      source: 'env',
    });

    expect((await discoverEndpoints({ env: { ...base, DOCKER_CONTEXT: 'beta' } })).preferredId).toBe(
      'context:beta',
    );
    expect((await discoverEndpoints({ env: base })).preferredId).toBe('context:alpha');
    expect((await discoverEndpoints({ env: { ...base, DOCKER_CONTEXT: 'default' } })).preferredId).toBe(
      'default',
    );
  });

  it('falls back to the default, with a reason, when the chosen context does not exist', async () => {
    const found = await discoverEndpoints({ env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'gone' } });
    expect(found.preferredId).toBe('default');
    expect(found.skipped).toEqual([
      { source: 'DOCKER_CONTEXT', reason: 'names context "gone", which does not exist' },
    ]);
  });

  it('skips broken context files and a broken config.json with a reason instead of failing', async () => {
    await writeContext(configDir, 'good', { Host: 'unix:///tmp/good.sock' });
    const bad = join(configDir, 'contexts', 'meta', 'deadbeef');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'meta.json'), '{"Name": "half');
    const noDocker = join(configDir, 'contexts', 'meta', 'cafe');
    await mkdir(noDocker, { recursive: true });
    await writeFile(join(noDocker, 'meta.json'), JSON.stringify({ Name: 'k8s-only', Endpoints: {} }));
    await writeFile(join(configDir, 'config.json'), '{ not json');

    const found = await discoverEndpoints({ env: { DOCKER_CONFIG: configDir }, platform: 'linux' });
    expect(found.endpoints.map((e) => e.id)).toEqual(['context:good', 'default']);
    expect(found.preferredId).toBe('default');
    expect(found.skipped).toHaveLength(3);
    expect(found.skipped.find((s) => s.source === join(bad, 'meta.json'))?.reason).toMatch(/^unreadable: /);
    expect(found.skipped.find((s) => s.source === join(noDocker, 'meta.json'))?.reason).toBe(
      'context "k8s-only" has no Docker endpoint',
    );
    expect(found.skipped.find((s) => s.source === join(configDir, 'config.json'))?.reason).toMatch(
      /^unreadable: /,
    );
  });

  it('reads TLS settings from the environment as the docker client does', async () => {
    const env = { DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://engine.example:2376' };
    const verify = await discoverEndpoints({ env: { ...env, DOCKER_TLS_VERIFY: '1' } });
    expect(verify.endpoints[0]).toMatchObject({ tlsCertPath: configDir, tlsVerify: true });

    const certPath = await discoverEndpoints({
      env: { ...env, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
    });
    expect(certPath.endpoints[0]).toMatchObject({ tlsCertPath: '/certs', tlsVerify: true });

    const noVerify = await discoverEndpoints({ env: { ...env, DOCKER_CERT_PATH: '/certs' } });
    expect(noVerify.endpoints[0]).toMatchObject({ tlsCertPath: '/certs', tlsVerify: false });

    const plain = await discoverEndpoints({ env });
    expect(plain.endpoints[0]).toEqual({
      id: 'env',
      name: 'DOCKER_HOST',
      url: 'tcp://engine.example:2376',
      source: 'env',
    });
  });

  it('reads a bare host:port in DOCKER_HOST as tcp and skips a malformed one', async () => {
    const bare = await discoverEndpoints({
      env: { DOCKER_CONFIG: configDir, DOCKER_HOST: '127.0.0.1:2375' },
    });
    expect(bare.endpoints[0]?.url).toBe('tcp://127.0.0.1:2375');

    const bad = await discoverEndpoints({ env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'ftp://x' } });
    expect(bad.endpoints.map((e) => e.id)).toEqual(['default']);
    expect(bad.skipped[0]?.source).toBe('DOCKER_HOST');
  });
});

describe('dockerConfigDir', () => {
  it('is DOCKER_CONFIG when set, else ~/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/etc/dc', HOME: '/home/a' })).toBe('/etc/dc');
    expect(dockerConfigDir({ HOME: '/home/a' })).toBe('/home/a/.docker');
  });
});
