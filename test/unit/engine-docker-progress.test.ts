import { describe, expect, it } from 'vitest';
import { dockerProgressParser, registryAuthConfig } from '../../src-main/core/engine/docker-progress.js';
import { EngineError } from '../../src-main/core/engine/errors.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

/** Feeds `lines` as one stream cut into 7-byte chunks, so lines and characters split anywhere. */
function parse(lines: object[]) {
  const parts: TaskPart[] = [];
  const parser = dockerProgressParser((part) => parts.push(part));
  const text = lines.map((line) => JSON.stringify(line)).join('\n');
  for (let at = 0; at < text.length; at += 7) parser.write(Buffer.from(text.slice(at, at + 7)));
  return { parts, finish: () => parser.finish() };
}

describe('dockerProgressParser', () => {
  it('reads a push: layers waiting, running with bytes, pushed, existing, mounted; digest and size from aux', () => {
    const { parts, finish } = parse([
      { status: 'The push refers to repository [127.0.0.1:5000/app]' },
      { status: 'Preparing', progressDetail: {}, id: 'l1' },
      { status: 'Preparing', progressDetail: {}, id: 'l2' },
      { status: 'Preparing', progressDetail: {}, id: 'l3' },
      { status: 'Pushing', progressDetail: { current: 512, total: 2048 }, progress: '[==>  ]', id: 'l1' },
      { status: 'Layer already exists', progressDetail: {}, id: 'l2' },
      { status: 'Mounted from other/app', progressDetail: {}, id: 'l3' },
      { status: 'Pushed', progressDetail: {}, id: 'l1' },
      { status: `1.0: digest: ${DIGEST} size: 528` },
      { progressDetail: {}, aux: { Tag: '1.0', Digest: DIGEST, Size: 528 } },
    ]);
    expect(finish()).toEqual({ digest: DIGEST, size: 528 });
    const last = (id: string) => parts.filter((part) => part.id === id).at(-1);
    expect(parts[0]).toEqual({ id: 'l1', label: 'layer l1', current: 0, state: 'waiting' });
    expect(parts.find((part) => part.state === 'running')).toEqual({
      id: 'l1',
      label: 'layer l1',
      current: 512,
      total: 2048,
      state: 'running',
    });
    expect(last('l1')).toMatchObject({ state: 'done', current: 2048, total: 2048 });
    expect(last('l2')?.state).toBe('skipped');
    expect(last('l3')?.state).toBe('done');
  });

  it('reads a pull: the tag line is no layer, the digest comes from its status line', () => {
    const { parts, finish } = parse([
      { status: 'Pulling from team/app', id: '1.0' },
      { status: 'Pulling fs layer', progressDetail: {}, id: 'l1' },
      { status: 'Already exists', progressDetail: {}, id: 'l2' },
      { status: 'Downloading', progressDetail: { current: 10, total: 100 }, id: 'l1' },
      { status: 'Download complete', progressDetail: {}, id: 'l1' },
      { status: 'Extracting', progressDetail: { current: 100, total: 100 }, id: 'l1' },
      { status: 'Pull complete', progressDetail: {}, id: 'l1' },
      { status: `Digest: ${DIGEST}` },
      { status: 'Status: Downloaded newer image for 127.0.0.1:5000/team/app:1.0' },
    ]);
    expect(finish()).toEqual({ digest: DIGEST });
    expect(new Set(parts.map((part) => part.id))).toEqual(new Set(['l1', 'l2']));
    expect(parts.filter((part) => part.id === 'l1').map((part) => part.state)).toEqual([
      'waiting',
      'running',
      'running',
      'running',
      'done',
    ]);
    expect(parts.find((part) => part.id === 'l2')?.state).toBe('skipped');
  });

  it('turns an error line into an EngineError with the daemon message, and fails unfinished layers', () => {
    const { parts, finish } = parse([
      { status: 'Preparing', progressDetail: {}, id: 'l1' },
      {
        errorDetail: { message: 'unauthorized: authentication required' },
        error: 'unauthorized: authentication required',
      },
    ]);
    expect(finish).toThrow(EngineError);
    expect(finish).toThrow('unauthorized: authentication required');
    try {
      finish();
    } catch (error) {
      expect((error as EngineError).code).toBe('UNAUTHORIZED');
    }
    expect(parts.at(-1)).toMatchObject({ id: 'l1', state: 'failed' });
  });

  it('codes denied and unknown refusals', () => {
    const denied = parse([{ error: 'denied: requested access to the resource is denied' }]);
    expect(denied.finish).toThrow(expect.objectContaining({ code: 'DENIED' }));
    const other = parse([{ error: 'something broke' }]);
    expect(other.finish).toThrow(
      expect.objectContaining({ code: 'ENGINE_ERROR', message: 'something broke' }),
    );
  });

  it('skips lines that are not JSON and reads a last line without its newline', () => {
    const parser = dockerProgressParser();
    parser.write('not json\n');
    parser.write(`{"status":"Digest: ${DIGEST}"}`);
    expect(parser.finish()).toEqual({ digest: DIGEST });
  });
});

describe('registryAuthConfig', () => {
  it('sends a login, or an identity token, for the registry as references name it', () => {
    expect(registryAuthConfig({ username: 'u', password: 'p' }, { domain: '127.0.0.1:5000' })).toEqual({
      serveraddress: '127.0.0.1:5000',
      username: 'u',
      password: 'p',
    });
    expect(registryAuthConfig({ username: 'u', identityToken: 't' }, { domain: 'docker.io' })).toEqual({
      serveraddress: 'https://index.docker.io/v1/',
      identitytoken: 't',
    });
    expect(registryAuthConfig(undefined, { domain: 'docker.io' })).toBeUndefined();
  });
});
