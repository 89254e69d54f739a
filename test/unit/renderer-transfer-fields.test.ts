/**
 * What the push, pull and copy dialogs build from their fields: the prefilled target, the full
 * reference (or the field at fault), the registry a push starts on, and the pre-check's words.
 */
import { describe, expect, it } from 'vitest';
import type { RegistrySummary } from '../../src-main/core/registry/types.js';
import type { PlannedLayer } from '../../src-main/core/transfer/types.js';
import {
  accessWords,
  countLayers,
  layerAction,
  layersWords,
  remoteWords,
  wantsLogin,
} from '../../src-renderer/src/features/transfers/plan-words.js';
import { pushStartHost } from '../../src-renderer/src/features/transfers/push-host.js';
import {
  prefillTarget,
  pullReference,
  targetReference,
} from '../../src-renderer/src/features/transfers/target-ref.js';

const LAB = '127.0.0.1:5000';

describe('prefillTarget', () => {
  it('strips the registry host and keeps the tag', () => {
    expect(prefillTarget(`${LAB}/team/app:1.0`, LAB, undefined)).toEqual({
      repository: 'team/app',
      tag: '1.0',
    });
    expect(prefillTarget('registry.example.com:443/a/b/c:v2', LAB, undefined)).toEqual({
      repository: 'a/b/c',
      tag: 'v2',
    });
  });

  it('reads Docker Hub names as they were typed, without library/', () => {
    expect(prefillTarget('ubuntu:22.04', LAB, undefined)).toEqual({ repository: 'ubuntu', tag: '22.04' });
    expect(prefillTarget('alice/app:1', LAB, undefined)).toEqual({ repository: 'alice/app', tag: '1' });
  });

  it('uses latest when the reference names no tag', () => {
    expect(prefillTarget(`${LAB}/team/app`, LAB, undefined)).toEqual({
      repository: 'team/app',
      tag: 'latest',
    });
  });

  it('puts a bare name under the logged-in user on Docker Hub, and only there', () => {
    expect(prefillTarget('app:1.0', 'docker.io', 'alice')).toEqual({ repository: 'alice/app', tag: '1.0' });
    expect(prefillTarget('team/app:1.0', 'docker.io', 'alice')).toEqual({
      repository: 'team/app',
      tag: '1.0',
    });
    expect(prefillTarget('app:1.0', 'docker.io', undefined)).toEqual({ repository: 'app', tag: '1.0' });
    expect(prefillTarget('app:1.0', LAB, 'alice')).toEqual({ repository: 'app', tag: '1.0' });
  });

  it('leaves the repository empty for an untagged image or a name it cannot read', () => {
    expect(prefillTarget(undefined, LAB, undefined)).toEqual({ repository: '', tag: 'latest' });
    expect(prefillTarget('Not Valid', LAB, undefined)).toEqual({ repository: '', tag: 'latest' });
  });
});

describe('targetReference', () => {
  it('joins host, repository and tag into the fully qualified reference', () => {
    expect(targetReference(LAB, 'team/app', '1.0')).toEqual({ ok: true, reference: `${LAB}/team/app:1.0` });
    expect(targetReference('docker.io', 'alice/app', 'latest')).toEqual({
      ok: true,
      reference: 'docker.io/alice/app:latest',
    });
    expect(targetReference('docker.io', 'app', 'latest')).toEqual({
      ok: true,
      reference: 'docker.io/library/app:latest',
    });
  });

  it('accepts a pasted name that starts with the same host, and trims', () => {
    expect(targetReference(LAB, ` ${LAB}/team/app `, ' v1 ')).toEqual({
      ok: true,
      reference: `${LAB}/team/app:v1`,
    });
  });

  it('names the field at fault', () => {
    expect(targetReference(LAB, '', 'v1')).toMatchObject({ ok: false, field: 'repository' });
    expect(targetReference(LAB, 'Team/App', 'v1')).toMatchObject({ ok: false, field: 'repository' });
    expect(targetReference(LAB, 'team/app:v1', 'v1')).toMatchObject({ ok: false, field: 'repository' });
    expect(targetReference(LAB, 'team/app', '')).toMatchObject({ ok: false, field: 'tag' });
    expect(targetReference(LAB, 'team/app', 'bad tag')).toMatchObject({ ok: false, field: 'tag' });
    expect(targetReference(LAB, 'team/app', '.dot')).toMatchObject({ ok: false, field: 'tag' });
  });

  it('refuses another registry host typed into the repository', () => {
    const check = targetReference('docker.io', 'ghcr.io/team/app', 'v1');
    expect(check).toMatchObject({ ok: false, field: 'repository' });
  });
});

describe('pullReference', () => {
  it('qualifies the name and adds latest when there is neither tag nor digest', () => {
    expect(pullReference('ubuntu')).toEqual({ ok: true, reference: 'docker.io/library/ubuntu:latest' });
    expect(pullReference(`${LAB}/team/app:1.0`)).toEqual({ ok: true, reference: `${LAB}/team/app:1.0` });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pullReference(`${LAB}/team/app@${digest}`)).toEqual({
      ok: true,
      reference: `${LAB}/team/app@${digest}`,
    });
  });

  it('says what is wrong with what was typed', () => {
    expect(pullReference('  ')).toMatchObject({ ok: false });
    const bad = pullReference('https://example.com/app');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toContain('URL scheme');
  });
});

const registry = (host: string, preset = false): RegistrySummary => ({
  host,
  name: host,
  insecure: false,
  preset,
});

describe('pushStartHost', () => {
  const registries = [registry('docker.io', true), registry(LAB), registry('127.0.0.1:6000')];

  it('takes the registry the image was dropped on first', () => {
    expect(pushStartHost('127.0.0.1:6000', `${LAB}/app:1`, registries, LAB)).toBe('127.0.0.1:6000');
  });

  it('then the registry the image is named after, when Stevedore knows it', () => {
    expect(pushStartHost(undefined, `${LAB}/app:1`, registries, '127.0.0.1:6000')).toBe(LAB);
    expect(pushStartHost(undefined, 'other.example:5000/app:1', registries, '127.0.0.1:6000')).toBe(
      '127.0.0.1:6000',
    );
  });

  it('then the last push, else Docker Hub', () => {
    expect(pushStartHost(undefined, 'app:1', registries, LAB)).toBe(LAB);
    expect(pushStartHost(undefined, 'app:1', registries, 'gone.example')).toBe('docker.io');
    expect(pushStartHost(undefined, undefined, registries, undefined)).toBe('docker.io');
  });
});

const layer = (state: PlannedLayer['state'], size: number | null, from?: string): PlannedLayer => ({
  diffId: `sha256:${state.padEnd(64, '0')}`,
  digest: null,
  size,
  state,
  ...(from ? { from } : {}),
});

describe('pre-check words', () => {
  it('says who pushes, and offers a login only where one would help', () => {
    expect(accessWords({ state: 'granted', username: 'alice' })).toBe('Granted as alice');
    expect(accessWords({ state: 'granted', username: null })).toBe('Granted anonymously');
    expect(wantsLogin({ state: 'login-required', message: 'x' })).toBe(true);
    expect(wantsLogin({ state: 'denied', username: 'bob', message: 'no' })).toBe(true);
    expect(wantsLogin({ state: 'unreachable', code: 'REGISTRY_UNREACHABLE', message: 'down' })).toBe(false);
    expect(wantsLogin({ state: 'granted', username: null })).toBe(false);
  });

  it('says what happens to the tag', () => {
    expect(remoteWords({ state: 'same', digest: 'sha256:x' })).toContain('up to date');
    expect(remoteWords({ state: 'different', digest: 'sha256:x' })).toContain('moves');
    expect(remoteWords({ state: 'absent' })).toContain('New tag');
  });

  it('counts the layers and the bytes to upload, saying when some sizes are unknown', () => {
    const layers = [
      layer('present', 10),
      layer('mountable', 20, 'team/base'),
      layer('upload', 1500),
      layer('upload', null),
    ];
    expect(countLayers(layers)).toEqual({
      present: 1,
      mountable: 1,
      upload: 2,
      uploadBytes: 1500,
      uploadSizesKnown: false,
    });
    expect(layersWords(layers)).toBe(
      '4 layers: 1 present, 1 mounted from another repository, 2 to upload (at least 1.5 kB)',
    );
    expect(layersWords([layer('present', 5)])).toBe('1 layer: 1 present');
    expect(layersWords([])).toBe('No layers');
    expect(layerAction(layers[1]!)).toBe('mount from team/base');
  });
});
