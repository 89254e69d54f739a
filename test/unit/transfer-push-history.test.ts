import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PushHistory, pushHistoryFile } from '../../src-main/core/transfer/push-history.js';

const IMAGE = `sha256:${'1'.repeat(64)}`;
const OTHER = `sha256:${'2'.repeat(64)}`;
const at = (n: number) => `reg.example:5000/app@sha256:${String(n).padStart(64, '0')}`;

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stevedore-history-'));
  file = pushHistoryFile(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('PushHistory', () => {
  it('remembers pushes per image, newest first, across opens', async () => {
    const history = await PushHistory.open(file);
    await history.record(IMAGE, at(1));
    await history.record(OTHER, at(2));
    await history.record(IMAGE, at(3));
    expect(history.referencesOf(IMAGE)).toEqual([at(3), at(1)]);
    expect((await PushHistory.open(file)).referencesOf(OTHER)).toEqual([at(2)]);
  });

  it('a push recorded again moves to the front instead of doubling', async () => {
    const history = await PushHistory.open(file);
    await history.record(IMAGE, at(1));
    await history.record(IMAGE, at(2));
    await history.record(IMAGE, at(1));
    expect(history.referencesOf(IMAGE)).toEqual([at(1), at(2)]);
  });

  it('keeps what another process recorded since it was opened', async () => {
    const app = await PushHistory.open(file);
    const cli = await PushHistory.open(file);
    await cli.record(IMAGE, at(1));
    await app.record(IMAGE, at(2));
    expect(app.referencesOf(IMAGE)).toEqual([at(2), at(1)]);
  });

  it('a damaged file is an empty history, replaced on the next push', async () => {
    await writeFile(file, '{not json');
    const history = await PushHistory.open(file);
    expect(history.referencesOf(IMAGE)).toEqual([]);
    await history.record(IMAGE, at(1));
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveLength(1);
  });

  it('drops the oldest records past its cap', async () => {
    const history = await PushHistory.open(file);
    const many = Array.from({ length: 2001 }, (_, i) => ({ image: OTHER, reference: at(i), at: 'x' }));
    await writeFile(file, JSON.stringify(many));
    await history.record(IMAGE, at(99_999));
    const kept = JSON.parse(await readFile(file, 'utf8')) as unknown[];
    expect(kept).toHaveLength(2000);
    expect((await PushHistory.open(file)).referencesOf(OTHER)).not.toContain(at(0));
  });
});
