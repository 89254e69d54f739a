import { describe, expect, it } from 'vitest';
import { dockerProgressParser, transferRefusal } from '../../src-main/core/engine/docker-progress.js';
import { EngineError } from '../../src-main/core/engine/errors.js';
import { engineRefusal, registryNamedIn } from '../../src-main/core/engine/registry-refusal.js';
import type { TaskPart } from '../../src-main/core/tasks/types.js';

const REGISTRY = '127.0.0.1:5000';

describe('engineRefusal', () => {
  it('says to log in when the engine had no login for the registry', () => {
    const error = engineRefusal('no basic auth credentials', { registry: REGISTRY, action: 'push' });
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe(
      `${REGISTRY} needs a login to push (no basic auth credentials). Log in (stevedore login ${REGISTRY}), then push again.`,
    );
  });

  it('says to log in again when the registry refused the login, keeping the engine’s words', () => {
    const error = engineRefusal('unauthorized: authentication required', {
      registry: REGISTRY,
      action: 'pull',
    });
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain('(unauthorized: authentication required)');
    expect(error.message).toContain(`Log in again (stevedore login ${REGISTRY}), then pull again.`);
    expect(error.details).toEqual({ registry: REGISTRY, said: 'unauthorized: authentication required' });
  });

  it('says who to ask when access is denied', () => {
    const error = engineRefusal('denied: requested access to the resource is denied', {
      registry: 'docker.io',
      action: 'push',
    });
    expect(error.code).toBe('DENIED');
    expect(error.message).toMatch(
      /^docker\.io denied the push \(denied: .+\): this login may not push there\. Ask for access/,
    );
  });

  it('names the registry it could not reach, from the engine’s words, and the next step', () => {
    const said = `Put "http://${REGISTRY}/v2/team/app/blobs/uploads/abc": dial tcp ${REGISTRY}: connect: connection refused`;
    const error = engineRefusal(said, { action: 'push' });
    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toBe(
      `Cannot reach ${REGISTRY} (${said}). Check that it is running and that the engine can reach it, then push again: layers it already has are not sent twice.`,
    );
  });

  it('reads a registry’s HTTP 500 during a push as a failed write, with the usual cause and the fix', () => {
    const error = engineRefusal('received unexpected HTTP status: 500 Internal Server Error', {
      registry: REGISTRY,
      action: 'push',
    });
    expect(error.code).toBe('REGISTRY_ERROR');
    expect(error.message).toContain('full disk');
    expect(error.message).toContain('Free space on the registry (its log says more), then push again.');
  });

  it('blames the right disk for "no space left on device": the registry’s on push, the engine’s on pull', () => {
    const said = 'write /var/lib/registry/x: no space left on device';
    expect(engineRefusal(said, { registry: REGISTRY, action: 'push' })).toMatchObject({
      code: 'REGISTRY_ERROR',
      message: expect.stringContaining(`${REGISTRY} ran out of space`),
    });
    expect(engineRefusal(said, { registry: REGISTRY, action: 'pull' })).toMatchObject({
      code: 'ENGINE_ERROR',
      message: expect.stringMatching(/^The engine ran out of disk space .+then pull again\.$/),
    });
  });

  it('without context says "the registry" and "try again", capitalised', () => {
    const error = engineRefusal('unexpected EOF');
    expect(error.code).toBe('REGISTRY_UNREACHABLE');
    expect(error.message).toMatch(/^Cannot reach the registry \(unexpected EOF\)\. .+then try again\.$/);
    expect(engineRefusal('no basic auth credentials').message).toContain('stevedore login HOST');
  });

  it('passes a sentence no rule knows as it is', () => {
    expect(engineRefusal('  something broke ')).toMatchObject({
      code: 'ENGINE_ERROR',
      message: 'something broke',
    });
  });
});

describe('registryNamedIn', () => {
  it('finds the registry in a URL or a dial error; Docker Hub’s API hosts are docker.io', () => {
    expect(registryNamedIn(`Head "https://registry.example:8443/v2/app/manifests/1": x`)).toBe(
      'registry.example:8443',
    );
    expect(registryNamedIn('dial tcp 10.0.0.7:5000: i/o timeout')).toBe('10.0.0.7:5000');
    expect(registryNamedIn('Get https://registry-1.docker.io/v2/: unauthorized')).toBe('docker.io');
    expect(registryNamedIn('unauthorized: authentication required')).toBeUndefined();
  });
});

describe('the progress stream words its error line with what it said before', () => {
  const feed = (lines: object[]) => {
    const parts: TaskPart[] = [];
    const parser = dockerProgressParser((part) => parts.push(part));
    parser.write(`${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
    return { parts, finish: () => parser.finish() };
  };

  it('learns the registry and the action from the push line', () => {
    const { finish } = feed([
      { status: `The push refers to repository [${REGISTRY}/team/app]` },
      { error: 'unauthorized: authentication required' },
    ]);
    expect(finish).toThrow(`Log in again (stevedore login ${REGISTRY}), then push again.`);
  });

  it('takes a registry-less push line as Docker Hub', () => {
    const { finish } = feed([
      { status: 'The push refers to repository [docker.io/library/app]' },
      { error: 'denied: requested access to the resource is denied' },
    ]);
    expect(finish).toThrow(/^docker\.io denied the push/);
  });

  it('shows a layer waiting while the engine retries it, then failed', () => {
    const { parts, finish } = feed([
      { status: `The push refers to repository [${REGISTRY}/team/app]` },
      { status: 'Pushing', progressDetail: { current: 10, total: 100 }, id: 'l1' },
      { status: 'Retrying in 5 seconds', progressDetail: {}, id: 'l1' },
      { error: `dial tcp ${REGISTRY}: connect: connection refused` },
    ]);
    expect(parts.map((part) => [part.state, part.label])).toEqual([
      ['running', 'layer l1'],
      ['waiting', 'layer l1 (retrying in 5 s)'],
      ['failed', 'layer l1'],
    ]);
    expect(finish).toThrow(expect.objectContaining({ code: 'REGISTRY_UNREACHABLE' }));
  });

  it('says what became of each layer: uploaded, mounted, exists, downloaded', () => {
    const { parts } = feed([
      { status: 'Pushed', id: 'a' },
      { status: 'Mounted from other/app', id: 'b' },
      { status: 'Layer already exists', id: 'c' },
      { status: 'Pull complete', id: 'd' },
      { status: 'Already exists', id: 'e' },
      { status: 'Pushing', progressDetail: { current: 1, total: 2 }, id: 'f' },
    ]);
    expect(parts.map((part) => [part.id, part.state, part.outcome])).toEqual([
      ['a', 'done', 'uploaded'],
      ['b', 'done', 'mounted'],
      ['c', 'skipped', 'exists'],
      ['d', 'done', 'downloaded'],
      ['e', 'skipped', 'exists'],
      ['f', 'running', undefined],
    ]);
  });
});

describe('transferRefusal', () => {
  it('words what the engine refused before its stream began, naming the registry of its URL', () => {
    const said = `Head "http://${REGISTRY}/v2/team/app/manifests/1": no basic auth credentials`;
    const modemError = Object.assign(new Error(`(HTTP code 500) server error - ${said}`), {
      statusCode: 500,
      json: { message: said },
    });
    const error = transferRefusal(modemError, undefined, { action: 'pull' });
    expect(error).toBeInstanceOf(EngineError);
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain(`Log in (stevedore login ${REGISTRY}), then pull again.`);
    expect(error.details).toMatchObject({ statusCode: 500, registry: REGISTRY });
  });
});
