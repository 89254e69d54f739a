import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../src-main/core/engine/types.js';
import { distinctImageSize, imageRows } from '../../src-renderer/src/features/images/image-rows.js';
import { splitRepoTag } from '../../src-renderer/src/lib/image-ref.js';

const id = (n: number) => `sha256:${String(n).padStart(64, 'a')}`;

function image(n: number, fields: Partial<ImageSummary> = {}): ImageSummary {
  return {
    id: id(n),
    repoTags: [],
    repoDigests: [],
    size: 1000 * n,
    created: '2024-06-01T00:00:00Z',
    dangling: false,
    ...fields,
  };
}

describe('splitRepoTag', () => {
  it('splits at the last colon after the last slash', () => {
    expect(splitRepoTag('nginx:1.27')).toEqual({ repository: 'nginx', tag: '1.27' });
    expect(splitRepoTag('localhost:5000/team/app:v2')).toEqual({
      repository: 'localhost:5000/team/app',
      tag: 'v2',
    });
  });

  it('reads a registry port as part of the repository when there is no tag', () => {
    expect(splitRepoTag('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: '<none>' });
  });
});

describe('imageRows', () => {
  it('makes one row per repository:tag, as docker images does', () => {
    const rows = imageRows([image(1, { repoTags: ['app:v1', 'registry.local:5000/app:latest'] })]);
    expect(rows.map((row) => [row.repository, row.tag])).toEqual([
      ['app', 'v1'],
      ['registry.local:5000/app', 'latest'],
    ]);
    expect(new Set(rows.map((row) => row.key)).size).toBe(2);
    expect(rows.every((row) => row.id === id(1) && row.shortId === 'aaaaaaaaaaaa')).toBe(true);
  });

  it('removes a tagged row by its tag, so other tags of the image stay', () => {
    const [row] = imageRows([image(1, { repoTags: ['app:v1', 'app:v2'] })]);
    expect(row?.removeTarget).toBe('app:v1');
    expect(row?.tagged).toBe(true);
  });

  it('shows a dangling image as one <none> row, removed by id', () => {
    const rows = imageRows([
      image(2, { dangling: true, repoTags: ['<none>:<none>'], repoDigests: ['<none>@<none>'] }),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      repository: '<none>',
      tag: '<none>',
      ref: '<none>:<none>',
      removeTarget: id(2),
    });
  });

  it('names the repository of an untagged image that came from a registry', () => {
    const rows = imageRows([image(3, { repoDigests: [`app@sha256:${'b'.repeat(64)}`] })]);
    expect(rows.map((row) => [row.repository, row.tag])).toEqual([['app', '<none>']]);
  });

  it('lets the filter find repository, tag and id, case-insensitively', () => {
    const [row] = imageRows([image(4, { repoTags: ['Team/App:Edge'] })]);
    expect(row?.haystack).toContain('team/app');
    expect(row?.haystack).toContain('edge');
    expect(row?.haystack).toContain(id(4));
  });

  it('sorts unknown creation times first instead of breaking the sort', () => {
    const [row] = imageRows([image(5, { repoTags: ['a:b'], created: '0001-01-01T00:00:00Z' })]);
    expect(row?.created).toBe(0);
  });
});

describe('distinctImageSize', () => {
  it('counts an image with several tags once', () => {
    const rows = imageRows([image(1, { repoTags: ['a:1', 'a:2'] }), image(2, { repoTags: ['b:1'] })]);
    expect(distinctImageSize(rows)).toEqual({ images: 2, bytes: 3000 });
  });
});
