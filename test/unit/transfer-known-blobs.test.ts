import { describe, expect, it } from 'vitest';
import { type KnownBlob, pairLayers } from '../../src-main/core/transfer/known-blobs.js';

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('pairLayers', () => {
  it('pairs each blob with the diff id at the same place, keeping the first repository seen', () => {
    const known = new Map<string, KnownBlob>();
    pairLayers(
      'team/app',
      [
        { digest: digest('a'), size: 10 },
        { digest: digest('b'), size: 20 },
      ],
      [digest('1'), digest('2')],
      known,
    );
    pairLayers('team/other', [{ digest: digest('c'), size: 30 }], [digest('1')], known);
    expect(known.get(digest('1'))).toEqual({ digest: digest('a'), size: 10, repository: 'team/app' });
    expect(known.get(digest('2'))).toEqual({ digest: digest('b'), size: 20, repository: 'team/app' });
  });

  it('learns nothing from an image whose layers and diff ids disagree in number', () => {
    const known = new Map<string, KnownBlob>();
    pairLayers('team/app', [{ digest: digest('a'), size: 10 }], [digest('1'), digest('2')], known);
    expect(known.size).toBe(0);
  });
});
