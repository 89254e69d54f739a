import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { diffFilesystems } from '../../src-main/core/layers/diff.js';
import { listLayer } from '../../src-main/core/layers/list-layer.js';
import type { LayerListing } from '../../src-main/core/layers/listing.js';
import { MergedFs } from '../../src-main/core/layers/merged-fs.js';
import { globRegExp, pathMatcher } from '../../src-main/core/layers/path-glob.js';
import { filesystemSummary, imageDiffView } from '../../src-main/core/layers/summary-view.js';
import { TreeIndex } from '../../src-main/core/layers/tree-view.js';
import type { TreeEntry } from '../../src-main/core/layers/views.js';
import { type EntrySpec, tarArchive } from '../support/layer-archives.js';

let counter = 0;
function layer(specs: EntrySpec[]): Promise<LayerListing> {
  const digest = `sha256:${String(++counter).padStart(64, '0')}`;
  return listLayer(Readable.from([tarArchive(specs)], { objectMode: false }), digest);
}

const rows = (entries: TreeEntry[]) =>
  entries.map((e) => `${e.type} ${e.path} ${e.size} ${e.change} L${e.layer} c${e.children}`);

describe('finding paths', () => {
  const matches = (pattern: string, paths: string[]) => paths.filter(pathMatcher(pattern));
  const paths = [
    'usr/lib/libc.so',
    'usr/lib/libc.so.6',
    'lib/x.so',
    'etc/ssl/certs/a.pem',
    'a+b.txt',
    'x.so',
  ];

  it('matches a glob without a slash against names, and one with slashes against whole paths', () => {
    expect(matches('*.so', paths)).toEqual(['usr/lib/libc.so', 'lib/x.so', 'x.so']);
    expect(matches('lib/*.so', paths)).toEqual(['lib/x.so']);
    expect(matches('**/*.so', paths)).toEqual(['usr/lib/libc.so', 'lib/x.so', 'x.so']);
    expect(matches('etc/**', paths)).toEqual(['etc/ssl/certs/a.pem']);
    expect(matches('etc/*/*.pem', paths)).toEqual([]);
    expect(matches('/etc/**/a.pem', paths)).toEqual(['etc/ssl/certs/a.pem']);
    expect(matches('libc.so.?', paths)).toEqual(['usr/lib/libc.so.6']);
    expect(matches('[!l]*.so', paths)).toEqual(['lib/x.so', 'x.so']);
    expect(matches('[a-b]+b.txt', paths)).toEqual(['a+b.txt']);
  });

  it('takes any other pattern as a substring, in any case, regex characters included', () => {
    expect(matches('LIBC', paths)).toEqual(['usr/lib/libc.so', 'usr/lib/libc.so.6']);
    expect(matches('a+b', paths)).toEqual(['a+b.txt']);
    expect(matches('./usr/lib', paths)).toEqual(['usr/lib/libc.so', 'usr/lib/libc.so.6']);
  });

  it('reads a lone bracket or brace literally', () => {
    expect(globRegExp('a[b*').test('a[bcd')).toBe(true);
    expect(globRegExp('{a,b}*]').test('{a,b}x]')).toBe(true);
  });
});

describe('the tree of a layer', () => {
  it('keeps what a layer removed, with the type and size the layer below had', async () => {
    const base = await layer([
      { name: 'opt/app/bin/run', content: Buffer.alloc(100), mode: 0o755 },
      { name: 'opt/app/lib/a.so', content: Buffer.alloc(40) },
      { name: 'opt/app/link', kind: 'symlink', linkname: 'bin/run' },
      { name: 'etc/conf', content: 'x' },
    ]);
    const wipe = await layer([{ name: 'opt/.wh.app' }, { name: 'opt/new', content: 'ab' }]);
    const fs = new MergedFs([base, wipe]);
    const tree = TreeIndex.ofLayer(fs, 1);
    expect(rows(tree.list('opt'))).toEqual(['dir opt/app 140 removed L0 c3', 'file opt/new 2 added L1 c0']);
    expect(rows(tree.list('opt/app'))).toEqual([
      'dir opt/app/bin 100 removed L0 c1',
      'dir opt/app/lib 40 removed L0 c1',
      'symlink opt/app/link 0 removed L0 c0',
    ]);
    expect(tree.list('opt/app/bin')[0]).toMatchObject({ mode: 0o755, name: 'run' });
    expect(rows(tree.list('', true))).toEqual(['dir opt 2 none L0 c2']);
    expect(rows(TreeIndex.top(fs).list('opt'))).toEqual(['file opt/new 2 none L1 c0']);
    expect(
      TreeIndex.ofLayer(fs, 0)
        .list('')
        .map((e) => e.change),
    ).toEqual(['added', 'added']);
  });

  it('marks a path a layer wrote again as changed, and one it brought back as added', async () => {
    const one = await layer([
      { name: 'a', content: '1' },
      { name: 'b', content: '1' },
    ]);
    const two = await layer([{ name: '.wh.b' }]);
    const three = await layer([
      { name: 'a', content: '22' },
      { name: 'b', content: '333' },
    ]);
    const tree = TreeIndex.ofLayer(new MergedFs([one, two, three]), 2);
    expect(rows(tree.list(''))).toEqual(['file a 2 changed L2 c0', 'file b 3 added L2 c0']);
  });

  it('says NOT_FOUND for a path that is not a directory, or a layer the image has not', async () => {
    const fs = new MergedFs([await layer([{ name: 'f', content: 'x' }])]);
    expect(() => TreeIndex.top(fs).list('f')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => TreeIndex.top(fs).list('nothing')).toThrow(/no directory nothing/);
    expect(() => TreeIndex.ofLayer(fs, 1)).toThrow(/from 0 to 0/);
  });
});

describe('views for the UI', () => {
  it('caps every list of a diff and keeps the counts', async () => {
    const before = new MergedFs([
      await layer([
        { name: 'keep', content: 'x' },
        { name: 'gone', content: 'y' },
      ]),
    ]);
    const after = new MergedFs([
      await layer([
        { name: 'keep', content: 'xx' },
        ...['n1', 'n2', 'n3'].map((name) => ({ name, content: 'z' })),
      ]),
    ]);
    const view = imageDiffView(diffFilesystems(before, after), 2);
    expect(view.counts).toEqual({ added: 3, removed: 1, changed: 1 });
    expect(view.truncated).toBe(true);
    expect(view.added.map((entry) => entry.path)).toEqual(['n1', 'n2']);
    expect(imageDiffView(diffFilesystems(before, after), 3).truncated).toBe(false);
  });

  it('sums directories three deep, largest first, counting every file under each', async () => {
    const fs = new MergedFs([
      await layer([
        { name: 'a/b/c/d/e.bin', content: Buffer.alloc(10) },
        { name: 'a/f', content: Buffer.alloc(5) },
        { name: 'z/l', kind: 'symlink', linkname: '../a/f' },
      ]),
    ]);
    const summary = filesystemSummary(fs);
    expect(summary.directories).toEqual([
      { path: 'a', size: 15, files: 2 },
      { path: 'a/b', size: 10, files: 1 },
      { path: 'a/b/c', size: 10, files: 1 },
      { path: 'z', size: 0, files: 1 },
    ]);
    expect([summary.files, summary.size]).toEqual([8, 15]);
  });
});
