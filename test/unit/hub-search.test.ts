import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HUB_API_URL, hubSearch } from '../../src-main/core/hub/index.js';
import { parseRetryAfter } from '../../src-main/core/hub/search.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'hub');
const fixture = (name: string) => readFile(join(FIXTURES, name), 'utf8');

type Handler = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * A fake Docker Hub: these machines have no internet, so it serves recorded response shapes
 * (test/fixtures/hub) and the failures no test can get from the real Hub on demand.
 */
async function startFakeHub(): Promise<{
  url: string;
  requests: URL[];
  handle(next: Handler): void;
  close(): Promise<void>;
}> {
  let handler: Handler = (_request, response) => response.writeHead(404).end();
  const requests: URL[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(new URL(request.url ?? '/', 'http://fake-hub'));
    void handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json =
  (body: string, status = 200, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  };

describe('hubSearch against a fake Docker Hub', () => {
  let hub: Awaited<ReturnType<typeof startFakeHub>>;
  const search = (query: string, page = 1, opts: Parameters<typeof hubSearch>[2] = {}) =>
    hubSearch(query, page, { baseUrl: hub.url, ...opts });

  beforeAll(async () => {
    hub = await startFakeHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  beforeEach(() => {
    hub.requests.length = 0;
  });

  it('asks /v2/search/repositories/ for 25 hits and maps them', async () => {
    hub.handle(json(await fixture('search-nginx-page-1.json')));
    const page = await search('  nginx ');
    const asked = hub.requests[0]!;
    expect(asked.pathname).toBe('/v2/search/repositories/');
    expect(Object.fromEntries(asked.searchParams)).toEqual({ query: 'nginx', page: '1', page_size: '25' });
    expect(page.total).toBe(10000);
    expect(page.next).toBe(2);
    expect(page.results).toHaveLength(25);
    expect(page.results[0]).toEqual({
      name: 'nginx',
      description: 'Official build of Nginx.',
      official: true,
      stars: 20912,
      pulls: 1000000000,
    });
    expect(page.results.find((hit) => hit.name === 'linuxserver/nginx')).toMatchObject({
      description: '',
      official: false,
    });
    expect(page.results.filter((hit) => hit.official).map((hit) => hit.name)).toEqual(['nginx', 'unit']);
  });

  it('has no next page on the last one, and none when nothing matched', async () => {
    hub.handle(json(await fixture('search-stevedore-page-2.json')));
    expect(await search('stevedore', 2)).toMatchObject({ total: 27, next: null });
    hub.handle(json(await fixture('search-no-hits.json')));
    expect(await search('zzzz-no-such-image')).toEqual({ results: [], total: 0, next: null });
  });

  it('drops a malformed hit, keeps the page, and strips a library/ prefix', async () => {
    hub.handle(
      json(
        JSON.stringify({
          count: 3,
          next: null,
          results: [
            {
              repo_name: 'library/redis',
              short_description: null,
              star_count: 1,
              pull_count: 2,
              is_official: true,
            },
            { short_description: 'no name' },
            { repo_name: 'someone/app' },
          ],
        }),
      ),
    );
    expect((await search('x')).results).toEqual([
      { name: 'redis', description: '', official: true, stars: 1, pulls: 2 },
      { name: 'someone/app', description: '', official: false, stars: 0, pulls: 0 },
    ]);
  });

  it('reports 429 as TOO_MANY_REQUESTS with Retry-After', async () => {
    hub.handle(json('{"message":"Too Many Requests"}', 429, { 'retry-after': '30' }));
    await expect(search('nginx')).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Docker Hub is limiting searches from this address: try again in 30 s',
      details: { retryAfterSeconds: 30 },
    });
  });

  it("quotes Hub's message on other errors", async () => {
    hub.handle(json('{"message":"page number is out of range"}', 400));
    await expect(search('nginx', 1000)).rejects.toMatchObject({
      code: 'HUB_ERROR',
      message: 'Docker Hub answered the search with 400: page number is out of range',
      details: { status: 400 },
    });
    hub.handle((_request, response) => response.writeHead(502).end('<html>Bad Gateway</html>'));
    await expect(search('nginx')).rejects.toMatchObject({
      code: 'HUB_ERROR',
      message: 'Docker Hub answered the search with 502',
    });
  });

  it('refuses an answer that is not the API: not JSON, no count, or too large', async () => {
    hub.handle(json('<html>captive portal</html>'));
    await expect(search('nginx')).rejects.toMatchObject({ code: 'HUB_BAD_RESPONSE' });
    hub.handle(json('{"results": []}'));
    await expect(search('nginx')).rejects.toMatchObject({ code: 'HUB_BAD_RESPONSE' });
    hub.handle((_request, response) => {
      // Chunked, no Content-Length: the cap must hold while reading.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 48; i += 1) response.write(chunk);
      response.end();
    });
    await expect(search('nginx')).rejects.toMatchObject({
      code: 'HUB_BAD_RESPONSE',
      message: "Docker Hub's answer is larger than 2 MiB",
    });
  });

  it('gives up on a Hub that does not answer, as HUB_UNREACHABLE', async () => {
    hub.handle(() => {
      // never answers
    });
    await expect(search('nginx', 1, { timeoutMs: 200 })).rejects.toMatchObject({
      code: 'HUB_UNREACHABLE',
      message: 'Docker Hub did not answer within 0.2 s',
    });
  });

  it('reports a cancelled search as CANCELLED', async () => {
    hub.handle(() => {
      // never answers
    });
    const controller = new AbortController();
    const pending = search('nginx', 1, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('refuses empty or oversized queries and bad pages before asking', async () => {
    await expect(search('   ')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(search('x'.repeat(257))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(search('nginx', 0)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(search('nginx', 1.5)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(hub.requests).toHaveLength(0);
  });
});

describe('hubSearch without a server', () => {
  it('reports a refused connection as HUB_UNREACHABLE with the reason', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(hubSearch('nginx', 1, { baseUrl: `http://127.0.0.1:${port}` })).rejects.toMatchObject({
      code: 'HUB_UNREACHABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('asks the real Hub by default', async () => {
    let asked: string | undefined;
    const recordOnly: typeof fetch = async (input) => {
      asked = String(input);
      return new Response(JSON.stringify({ count: 0, next: null, results: [] }));
    };
    await hubSearch('red is', 3, { fetch: recordOnly });
    expect(HUB_API_URL).toBe('https://hub.docker.com');
    expect(asked).toBe('https://hub.docker.com/v2/search/repositories/?query=red+is&page=3&page_size=25');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
