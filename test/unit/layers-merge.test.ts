import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { diffFilesystems } from '../../src-main/core/layers/diff.js';
import { listLayer } from '../../src-main/core/layers/list-layer.js';
import type { LayerListing } from '../../src-main/core/layers/listing.js';
import { MergedFs } from '../../src-main/core/layers/merged-fs.js';
import { type EntrySpec, tarArchive } from '../support/layer-archives.js';

let counter = 0;
function layer(specs: EntrySpec[]): Promise<LayerListing> {
  const digest = `sha256:${String(++counter).padStart(64, '0')}`;
  return listLayer(Readable.from([tarArchive(specs)], { objectMode: false }), digest);
}

function bytes(n: number): Buffer {
  return Buffer.alloc(n, 1);
}

describe('stacking layers', () => {
  it('applies whiteouts and opaque directories to lower layers, and says who wrote each path', async () => {
    const base = await layer([
      { name: 'etc/', kind: 'dir' },
      { name: 'etc/a', content: bytes(5) },
      { name: 'etc/b', content: bytes(10) },
      { name: 'var/cache/x', content: bytes(100) },
      { name: 'var/cache/y', content: bytes(50) },
      { name: 'bin/sh', content: bytes(1000), mode: 0o755 },
    ]);
    const middle = await layer([
      { name: 'etc/a', content: bytes(7) },
      { name: 'etc/.wh.b' },
      { name: 'var/cache/.wh..wh..opq' },
      { name: 'var/cache/new', content: bytes(3) },
      { name: 'usr/bin/tool', content: bytes(20) },
      { name: 'bin/link', kind: 'symlink', linkname: 'sh' },
      { name: '.wh.missing' },
    ]);
    const top = await layer([{ name: '.wh.usr' }, { name: 'etc/a/inner', content: bytes(2) }]);
    const fs = new MergedFs([base, middle, top]);

    expect(fs.files().map((e) => `${e.type} ${e.path} ${e.size} L${e.layer}+${e.addedBy}`)).toEqual([
      'dir bin 0 L0+0',
      'symlink bin/link 0 L1+1',
      'file bin/sh 1000 L0+0',
      'dir etc 0 L0+0',
      'dir etc/a 0 L2+0',
      'file etc/a/inner 2 L2+2',
      'dir var 0 L0+0',
      'dir var/cache 0 L0+0',
      'file var/cache/new 3 L1+1',
    ]);
    expect(fs.get('bin/sh')).toMatchObject({ mode: 0o755, entryIndex: 5 });
    expect(fs.get('etc/b')).toBeUndefined();
    expect(fs.removed()).toEqual([
      { path: 'etc/b', removedBy: 1, lastLayer: 0 },
      { path: 'usr', removedBy: 2, lastLayer: 1 },
      { path: 'usr/bin', removedBy: 2, lastLayer: 1 },
      { path: 'usr/bin/tool', removedBy: 2, lastLayer: 1 },
      { path: 'var/cache/x', removedBy: 1, lastLayer: 0 },
      { path: 'var/cache/y', removedBy: 1, lastLayer: 0 },
    ]);
    expect(fs.changes(1)).toEqual(['changed', 'removed', 'opaque', 'added', 'added', 'added', 'none']);
    expect(fs.changes(2)).toEqual(['removed', 'added']);
    const sizes = fs.directorySizes();
    expect(Object.fromEntries(sizes)).toEqual({
      '': 1005,
      bin: 1000,
      etc: 2,
      'etc/a': 2,
      var: 3,
      'var/cache': 3,
    });
  });

  it('keeps what a layer adds beside its own whiteout of the same name', async () => {
    const base = await layer([{ name: 'f', content: 'old' }]);
    const next = await layer([{ name: 'f', content: 'new!' }, { name: '.wh.f' }]);
    const fs = new MergedFs([base, next]);
    // The whiteout removed the lower f; the layer's own f stands, as a new file.
    expect(fs.get('f')).toMatchObject({ size: 4, layer: 1, addedBy: 1 });
    expect(fs.removed()).toEqual([]);
    expect(fs.changes(1)).toEqual(['added', 'removed']);
  });

  it('empties everything below with an opaque marker at the root', async () => {
    const base = await layer([{ name: 'a/b', content: 'x' }]);
    const next = await layer([{ name: '.wh..wh..opq' }, { name: 'c', content: 'y' }]);
    expect(new MergedFs([base, next]).files().map((e) => e.path)).toEqual(['c']);
  });

  it('follows symlinks, relative and absolute, and gives up on loops', async () => {
    const fs = new MergedFs([
      await layer([
        { name: 'usr/share/doc/README', content: 'x' },
        { name: 'etc/readme', kind: 'symlink', linkname: '../usr/share/doc/README' },
        { name: 'docs', kind: 'symlink', linkname: '/usr/share/doc' },
        { name: 'loop1', kind: 'symlink', linkname: 'loop2' },
        { name: 'loop2', kind: 'symlink', linkname: 'loop1' },
      ]),
    ]);
    expect(fs.resolve('etc/readme')).toBe('usr/share/doc/README');
    expect(fs.resolve('docs/README')).toBe('usr/share/doc/README');
    expect(fs.resolve('loop1')).toBeUndefined();
    expect(fs.resolve('missing')).toBeUndefined();
  });
});

describe('efficiency', () => {
  it('counts bytes written over or removed by later layers', async () => {
    const fs = new MergedFs([
      await layer([
        { name: 'a', content: bytes(100) },
        { name: 'd/', kind: 'dir' },
        { name: 'd/x', content: bytes(50) },
        { name: 'd/y', content: bytes(30) },
      ]),
      await layer([{ name: 'a', content: bytes(10) }, { name: '.wh.d' }]),
      await layer([{ name: 'new', content: bytes(5) }]),
    ]);
    const { score, wastedBytes, userSizeBytes, wastedUserPercent, inefficiencies } = fs.efficiency;
    expect(inefficiencies).toEqual([
      { path: 'a', count: 2, cumulativeSize: 110, minimumSize: 10 },
      { path: 'd/x', count: 2, cumulativeSize: 50, minimumSize: 0 },
      { path: 'd/y', count: 2, cumulativeSize: 30, minimumSize: 0 },
    ]);
    expect(wastedBytes).toBe(190);
    expect(score).toBeCloseTo(15 / 195, 10);
    expect(userSizeBytes).toBe(15);
    expect(wastedUserPercent).toBeCloseTo(190 / 15, 10);
  });

  it('scores 1 for an image that writes everything once', async () => {
    const fs = new MergedFs([
      await layer([{ name: 'a', content: 'x' }]),
      await layer([{ name: 'b', content: 'y' }]),
    ]);
    expect(fs.efficiency.score).toBe(1);
    expect(fs.efficiency.wastedBytes).toBe(0);
  });
});

describe('diff of two images', () => {
  it('lists added, removed and changed paths, and directory size changes', async () => {
    const shared = await layer([
      { name: 'etc/conf', content: bytes(10) },
      { name: 'bin/tool', content: bytes(100), mode: 0o755 },
      { name: 'lib/link', kind: 'symlink', linkname: 'a' },
    ]);
    const a = new MergedFs([shared, await layer([{ name: 'old/file', content: bytes(40) }])]);
    const b = new MergedFs([
      shared,
      await layer([
        { name: 'etc/conf', content: bytes(12) },
        { name: 'bin/tool', content: bytes(100), mode: 0o700 },
        { name: 'lib/link', kind: 'symlink', linkname: 'b' },
        { name: 'new/file', content: bytes(1) },
      ]),
    ]);
    const diff = diffFilesystems(a, b);
    expect(diff.added.map((e) => e.path)).toEqual(['new', 'new/file']);
    expect(diff.removed.map((e) => e.path)).toEqual(['old', 'old/file']);
    expect(diff.changed.map((c) => [c.path, c.fields])).toEqual([
      ['bin/tool', ['mode']],
      ['etc/conf', ['size']],
      ['lib/link', ['linkTarget']],
    ]);
    expect(diff.changed[1]?.before.size).toBe(10);
    expect(diff.changed[1]?.after.size).toBe(12);
    expect(diff.directories).toEqual([
      { path: 'etc', before: 10, after: 12, delta: 2 },
      { path: 'new', before: 0, after: 1, delta: 1 },
      { path: 'old', before: 40, after: 0, delta: -40 },
    ]);
    expect([diff.sizeBefore, diff.sizeAfter]).toEqual([150, 113]);
  });
});
