import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  decodeCatalogCursor,
  encodeCatalogCursor,
  parseRateLimit,
  RegistryClient,
  type Transport,
} from '../../src-main/core/registry/client/index.js';
import { mapConcurrent } from '../../src-main/core/registry/concurrency.js';
import type { RegistryRequest, RegistryResponse } from '../../src-main/core/registry/transport/types.js';

/**
 * A stand-in transport answering JSON pages with the next link it is told to give: for what no
 * real registry does on purpose (links that loop or leave the listing's path).
 */
function fakePagingTransport(
  pages: { body: object; next: { path: string; query: Record<string, string> } | null }[],
) {
  const requests: RegistryRequest[] = [];
  const nextLinks = new Map<RegistryResponse, (typeof pages)[number]['next']>();
  const transport: Transport = {
    host: 'registry.test',
    async request(request) {
      const page = pages[Math.min(requests.length, pages.length - 1)]!;
      requests.push(request);
      const bytes = Buffer.from(JSON.stringify(page.body));
      const response: RegistryResponse = {
        status: 200,
        headers: {},
        url: new URL(`https://registry.test${request.path}`),
        body: Readable.from([bytes]),
        bytes: async () => bytes,
        json: async <T>() => JSON.parse(bytes.toString()) as T,
        dump: async () => {},
      };
      nextLinks.set(response, page.next);
      return response;
    },
    nextLink: (response) => nextLinks.get(response) ?? null,
    ping: async () => {
      throw new Error('not used');
    },
  };
  return { transport, requests };
}

describe('catalog cursors', () => {
  it('round-trip the next link', () => {
    const next = { path: '/v2/_catalog', query: { n: '100', last: 'library/ubuntu' } };
    expect(decodeCatalogCursor(encodeCatalogCursor(next))).toEqual(next);
  });

  it.each([
    ['garbage', 'not a cursor'],
    [
      'another path',
      Buffer.from(JSON.stringify({ path: '/v2/x/tags/list', query: {} })).toString('base64url'),
    ],
    [
      'another parameter',
      Buffer.from(JSON.stringify({ path: '/v2/_catalog', query: { url: 'x' } })).toString('base64url'),
    ],
    [
      'a non-string value',
      Buffer.from(JSON.stringify({ path: '/v2/_catalog', query: { n: 5 } })).toString('base64url'),
    ],
    [
      'an array query',
      Buffer.from(JSON.stringify({ path: '/v2/_catalog', query: ['n'] })).toString('base64url'),
    ],
    ['JSON null', Buffer.from('null').toString('base64url')],
  ])('refuse %s with INVALID_INPUT', (_, cursor) => {
    expect(() => decodeCatalogCursor(cursor)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('carry the page size the caller asks for, capped at 1000', async () => {
    const { transport, requests } = fakePagingTransport([{ body: { repositories: ['a'] }, next: null }]);
    const client = new RegistryClient({ transport });
    await client.catalogPage(undefined, 5000);
    await client.catalogPage(encodeCatalogCursor({ path: '/v2/_catalog', query: { n: '7', last: 'a' } }));
    await client.catalogPage(encodeCatalogCursor({ path: '/v2/_catalog', query: { n: '7', last: 'a' } }), 3);
    expect(requests.map((r) => r.query)).toEqual([
      { n: '1000' },
      { n: '7', last: 'a' },
      { n: '3', last: 'a' },
    ]);
    expect(requests[0]?.scopes).toEqual(['registry:catalog:*']);
  });
});

describe('pagination', () => {
  it('stops a next link that loops', async () => {
    const loop = { path: '/v2/_catalog', query: { last: 'b', n: '2' } };
    const { transport } = fakePagingTransport([{ body: { repositories: ['a', 'b'] }, next: loop }]);
    const pages: string[][] = [];
    const listing = async () => {
      for await (const page of new RegistryClient({ transport }).catalogPages()) pages.push(page);
    };
    await expect(listing()).rejects.toMatchObject({ code: 'PROTOCOL_ERROR' });
    expect(pages).toHaveLength(2);
  });

  it('refuses a next link to another path', async () => {
    const { transport } = fakePagingTransport([
      { body: { tags: ['a'] }, next: { path: '/v2/other/tags/list', query: {} } },
    ]);
    await expect(new RegistryClient({ transport }).tagList('app')).rejects.toMatchObject({
      code: 'PROTOCOL_ERROR',
    });
  });

  it('reads `"tags": null` as no tags and refuses a list that is not names', async () => {
    const empty = fakePagingTransport([{ body: { name: 'app', tags: null }, next: null }]);
    expect(await new RegistryClient({ transport: empty.transport }).tagList('app')).toEqual({
      repository: 'registry.test/app',
      tags: [],
      attached: [],
    });
    const bad = fakePagingTransport([{ body: { repositories: [1, 2] }, next: null }]);
    await expect(new RegistryClient({ transport: bad.transport }).catalogPage()).rejects.toMatchObject({
      code: 'PROTOCOL_ERROR',
    });
  });
});

describe('parseRateLimit', () => {
  it("reads Docker Hub's headers", () => {
    expect(parseRateLimit({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '76;w=21600' })).toEqual(
      {
        limit: 100,
        remaining: 76,
        windowSeconds: 21600,
      },
    );
  });

  it('ignores absent or malformed headers', () => {
    expect(parseRateLimit({})).toBeUndefined();
    expect(parseRateLimit({ 'ratelimit-limit': 'lots', 'ratelimit-remaining': '1' })).toBeUndefined();
  });
});

describe('mapConcurrent', () => {
  it('keeps the order and never runs more than the limit', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('starts nothing after a failure and throws it', async () => {
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('boom');
        return n;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2]);
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(mapConcurrent([1], 4, async (n) => n, controller.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
