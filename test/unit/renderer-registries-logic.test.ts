import { describe, expect, it } from 'vitest';
import type { TagDetails, TagList } from '../../src-main/core/registry/types.js';
import {
  formatWindow,
  rateLimitLabel,
} from '../../src-renderer/src/features/registries/capability-labels.js';
import {
  filterRepositories,
  lowerCaseHaystack,
} from '../../src-renderer/src/features/registries/catalog-filter.js';
import { historyRows } from '../../src-renderer/src/features/registries/history-rows.js';
import { jsonTokens, prettyJson } from '../../src-renderer/src/features/registries/json-tokens.js';
import { pullCommands, pullName } from '../../src-renderer/src/features/registries/pull-command.js';
import {
  draftToAddInput,
  draftToUpdateInput,
  hostProblem,
  isLoopbackHost,
  registryFieldOf,
} from '../../src-renderer/src/features/registries/registry-draft.js';
import { openableRepository } from '../../src-renderer/src/features/registries/registry-ref.js';
import {
  attachedBySubject,
  describeAttached,
  shownTagRows,
  sortShownRows,
  sortTagRows,
  tagRowsOf,
} from '../../src-renderer/src/features/registries/tag-rows.js';

describe('catalog filter', () => {
  const names = ['library/ubuntu', 'team/API-server', 'team/web', 'tools/ubuntu-debug'];
  const haystack = lowerCaseHaystack(names);

  it('returns the very same array when there is nothing to filter by', () => {
    expect(filterRepositories(names, haystack, '')).toBe(names);
    expect(filterRepositories(names, haystack, '   ')).toBe(names);
  });

  it('matches case-insensitively, in catalog order', () => {
    expect(filterRepositories(names, haystack, 'UBUNTU')).toEqual(['library/ubuntu', 'tools/ubuntu-debug']);
    expect(filterRepositories(names, haystack, 'api')).toEqual(['team/API-server']);
  });

  it('needs every word of the query', () => {
    expect(filterRepositories(names, haystack, 'ubuntu tools')).toEqual(['tools/ubuntu-debug']);
  });

  it('filters 100,000 names without building an object per name', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `org${i % 100}/repo-${i}`);
    const lower = lowerCaseHaystack(many);
    const hits = filterRepositories(many, lower, 'repo-9999');
    expect(hits).toEqual([
      'org99/repo-9999',
      ...Array.from({ length: 10 }, (_, i) => `org${(99990 + i) % 100}/repo-${99990 + i}`),
    ]);
  });
});

describe('pull commands', () => {
  it('uses the familiar name on Docker Hub and the host elsewhere', () => {
    expect(pullName('docker.io/library/ubuntu')).toBe('ubuntu');
    expect(pullName('docker.io/user/app')).toBe('user/app');
    expect(pullName('127.0.0.1:5000/team/app')).toBe('127.0.0.1:5000/team/app');
  });

  it('gives the tag and the digest forms', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pullCommands('127.0.0.1:5000/demo', 'v1', digest)).toEqual({
      byTag: 'docker pull 127.0.0.1:5000/demo:v1',
      byDigest: `docker pull 127.0.0.1:5000/demo@${digest}`,
    });
    expect(pullCommands('docker.io/library/alpine', '3.20', null)).toEqual({
      byTag: 'docker pull alpine:3.20',
    });
  });
});

describe('opening a repository by name', () => {
  it('normalizes Docker Hub names as docker pull does', () => {
    expect(openableRepository('docker.io', 'ubuntu')).toEqual({ ok: true, repository: 'library/ubuntu' });
    expect(openableRepository('docker.io', 'docker.io/user/app')).toEqual({
      ok: true,
      repository: 'user/app',
    });
  });

  it('keeps paths as typed elsewhere, even under a host without dots', () => {
    expect(openableRepository('127.0.0.1:5000', 'team/app')).toEqual({ ok: true, repository: 'team/app' });
    expect(openableRepository('registry', 'app')).toEqual({ ok: true, repository: 'app' });
    expect(openableRepository('127.0.0.1:5000', '127.0.0.1:5000/x')).toEqual({ ok: true, repository: 'x' });
  });

  it('says what is wrong with a bad name', () => {
    const result = openableRepository('127.0.0.1:5000', 'MyApp');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/lowercase/);
    expect(openableRepository('docker.io', '  ')).toEqual({ ok: false, message: 'Type a repository name' });
  });
});

describe('registry form', () => {
  it('catches pasted URLs and paths, and lets hosts through', () => {
    expect(hostProblem('https://registry.example.com')).toMatch(/scheme/);
    expect(hostProblem('registry.example.com/v2/')).toMatch(/path/);
    expect(hostProblem('not a host')).toMatch(/Not a host/);
    for (const host of ['registry.example.com', '127.0.0.1:5000', '[::1]:5000', 'localhost', ''])
      expect(hostProblem(host), host).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    expect(isLoopbackHost('127.0.0.1:5000')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('[::1]:5000')).toBe(true);
    expect(isLoopbackHost('10.0.0.1:5000')).toBe(false);
  });

  it('sends only what was typed, and only what changed on edit', () => {
    expect(draftToAddInput({ host: ' r.example.com ', name: '', insecure: false, caPem: '' })).toEqual({
      host: 'r.example.com',
      insecure: false,
    });
    const before = { host: 'r.example.com', name: 'R', insecure: false, caPem: 'PEM', preset: false };
    expect(
      draftToUpdateInput(before, { host: 'r.example.com', name: 'R', insecure: true, caPem: '' }),
    ).toEqual({
      host: 'r.example.com',
      insecure: true,
      caPem: null,
    });
  });

  it('puts main complaints under the field they name', () => {
    expect(registryFieldOf({ code: 'CONFLICT' })).toBe('host');
    expect(registryFieldOf({ code: 'INVALID_INPUT', details: [{ path: ['caPem'], message: 'x' }] })).toBe(
      'caPem',
    );
    expect(registryFieldOf({ code: 'INVALID_INPUT', details: { name: 'x' } })).toBe('name');
    expect(registryFieldOf({ code: 'REGISTRY_UNREACHABLE' })).toBeUndefined();
  });
});

describe('tag rows', () => {
  const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
  const list: TagList = {
    repository: '127.0.0.1:5000/demo',
    tags: ['latest', 'v1.9', 'v1.10', 'old'],
    attached: [
      { tag: `sha256-${'1'.repeat(64)}.sig`, kind: 'signature', subject: digest(1) },
      { tag: `sha256-${'1'.repeat(64)}.att`, kind: 'attestation', subject: digest(1) },
    ],
  };
  const rows = tagRowsOf(list);
  const details = (tag: string, created: string | null): TagDetails => ({
    tag,
    digest: digest(1),
    mediaType: 'application/vnd.oci.image.index.v1+json',
    platforms: [],
    size: 1,
    created,
  });

  it('hides attached tags unless asked, and filters by tag', () => {
    expect(shownTagRows(rows, false, '').map((r) => r.tag)).toEqual(list.tags);
    expect(shownTagRows(rows, true, '')).toHaveLength(6);
    expect(shownTagRows(rows, true, 'SIG').map((r) => r.attached?.kind)).toEqual(['signature']);
  });

  it('sorts by version with non-versions last', () => {
    expect(sortTagRows(rows.plain, 'version', 'desc', {}).map((r) => r.tag)).toEqual([
      'v1.10',
      'v1.9',
      'latest',
      'old',
    ]);
  });

  it('sorts by date, undated tags last in both directions', () => {
    const byTag = {
      latest: details('latest', '2024-03-01T00:00:00Z'),
      'v1.9': details('v1.9', '2024-01-01T00:00:00Z'),
      'v1.10': details('v1.10', '2024-02-01T00:00:00Z'),
      old: details('old', null),
    };
    expect(sortTagRows(rows.plain, 'created', 'desc', byTag).map((r) => r.tag)).toEqual([
      'latest',
      'v1.10',
      'v1.9',
      'old',
    ]);
    expect(sortTagRows(rows.plain, 'created', 'asc', byTag).map((r) => r.tag)).toEqual([
      'v1.9',
      'v1.10',
      'latest',
      'old',
    ]);
  });

  it('keeps attached tags after the ordinary ones, whatever the sort', () => {
    const shown = shownTagRows(rows, true, '');
    const order = sortShownRows(shown, 'version', 'desc', {}).map((r) => r.attached?.kind ?? r.tag);
    expect(order).toEqual(['v1.10', 'v1.9', 'latest', 'old', 'attestation', 'signature']);
  });

  it('counts what is attached to each digest', () => {
    const attached = attachedBySubject(list).get(digest(1)) ?? [];
    expect(describeAttached(attached)).toBe('1 signature, 1 attestation');
  });
});

describe('history rows', () => {
  it('pairs steps that made a layer with the layers, in order', () => {
    const rows = historyRows(
      [
        { createdBy: 'ADD rootfs', emptyLayer: false },
        { createdBy: 'ENV A=1', emptyLayer: true },
        { createdBy: 'COPY app', emptyLayer: false },
        { comment: 'no layer left', emptyLayer: false },
      ],
      [
        { digest: 'sha256:a', mediaType: 'x', size: 100 },
        { digest: 'sha256:b', mediaType: 'x', size: 20 },
      ],
    );
    expect(rows.map((row) => [row.createdBy, row.size])).toEqual([
      ['ADD rootfs', 100],
      ['ENV A=1', null],
      ['COPY app', 20],
      ['no layer left', null],
    ]);
  });
});

describe('JSON highlighting', () => {
  it('tells keys, strings, numbers, literals and punctuation apart, and loses no text', () => {
    const { text, parsed } = prettyJson('{"schemaVersion":2,"a":[true,null,"x:y",-1.5e3]}');
    expect(parsed).toBe(true);
    const tokens = jsonTokens(text);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
    const kinds = (kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);
    expect(kinds('key')).toEqual(['"schemaVersion"', '"a"']);
    expect(kinds('string')).toEqual(['"x:y"']);
    expect(kinds('number')).toEqual(['2', '-1500']);
    expect(kinds('literal')).toEqual(['true', 'null']);
  });

  it('keeps escaped quotes inside strings', () => {
    const tokens = jsonTokens('{"k": "say \\"hi\\""}');
    expect(tokens.find((t) => t.kind === 'string')?.text).toBe('"say \\"hi\\""');
  });

  it('shows text that is not JSON as it came', () => {
    expect(prettyJson('not json')).toEqual({ text: 'not json', parsed: false });
  });
});

describe('capability labels', () => {
  it('reads rate limit windows in hours or minutes', () => {
    expect(formatWindow(21_600)).toBe('6 h');
    expect(formatWindow(900)).toBe('15 min');
    expect(formatWindow(45)).toBe('45 s');
    expect(rateLimitLabel({ limit: 100, remaining: 87, windowSeconds: 21_600 })).toBe(
      '87 of 100 pulls left per 6 h',
    );
  });
});
