import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RegistryClient } from '../../src-main/core/registry/client/index.js';
import { RegistryTransport } from '../../src-main/core/registry/transport/transport.js';
import { bulkRepositories, bulkTags, pushArtifact, pushImage } from '../support/registry-content.js';

/**
 * distribution 2.8 does not paginate tag lists; registries in the wild (distribution 3, Harbor,
 * GHCR) do. This fake sorts the real registry's tags and pages them by `n` and `last`, with a
 * relative Link header, as the distribution spec describes.
 */
async function startFakePaginatingTagsRegistry(upstream: string) {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    if (!match) {
      const reply = await fetch(new URL(url.pathname + url.search, upstream), { method: req.method });
      res.writeHead(reply.status, Object.fromEntries(reply.headers));
      res.end(Buffer.from(await reply.arrayBuffer()));
      return;
    }
    requests.push(url.pathname + url.search);
    const { name, tags } = (await (await fetch(new URL(url.pathname, upstream))).json()) as {
      name: string;
      tags: string[];
    };
    const n = Number(url.searchParams.get('n') ?? tags.length);
    const last = url.searchParams.get('last');
    const rest = tags.sort().filter((tag) => last === null || tag > last);
    const page = rest.slice(0, n);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (rest.length > n) headers.link = `<${url.pathname}?n=${n}&last=${page.at(-1)}>; rel="next"`;
    res.writeHead(200, headers);
    res.end(JSON.stringify({ name, tags: page }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const host = inject('registryHost');
const run = randomUUID().slice(0, 8);
const transport = new RegistryTransport({ host });
const client = new RegistryClient({ transport });

afterAll(async () => {
  await transport.close();
});

/** Everything the catalog lists, page by page. */
async function allPages(iterable: AsyncIterable<string[]>): Promise<string[][]> {
  const pages: string[][] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('catalog', () => {
  const prefix = `catalog-${run}`;
  let pushed: string[];

  beforeAll(async () => {
    pushed = await bulkRepositories(host, prefix, 1_100);
  }, 120_000);

  it('lists more than 1,000 repositories across pages, in the registry order', async () => {
    const pages = await allPages(client.catalogPages());
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(1000);
    const listed = pages.flat();
    expect(listed.filter((name) => name.startsWith(`${prefix}/r`))).toEqual(pushed);
    // distribution lists in lexical order; we keep whatever order it sends.
    expect(listed).toEqual([...listed].sort());
  });

  it('pages with opaque cursors that continue where the last page stopped', async () => {
    const all = (await allPages(client.catalogPages())).flat();
    const byCursor: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.catalogPage(cursor, 400);
      expect(page.repositories.length).toBeLessThanOrEqual(400);
      byCursor.push(...page.repositories);
      cursor = page.next ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(byCursor).toEqual(all);
  });

  it('refuses a cursor it did not make', async () => {
    const forged = Buffer.from(JSON.stringify({ path: '/v2/secret/tags/list', query: {} })).toString(
      'base64url',
    );
    await expect(client.catalogPage(forged)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(client.catalogPage('not base64 json')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('tags', () => {
  const repo = `tags-${run}/many`;
  let pushed: string[];

  beforeAll(async () => {
    pushed = await bulkTags(host, repo, 't', 1_100);
  }, 120_000);

  it('lists more than 1,000 tags in the registry order', async () => {
    // distribution 2.8 ignores `n` on tag lists and sends every tag, unsorted, in one page.
    const raw = (await (await fetch(`http://${host}/v2/${repo}/tags/list`)).json()) as { tags: string[] };
    const list = await client.tagList(repo);
    expect(list.repository).toBe(`${host}/${repo}`);
    expect(list.tags).toEqual(raw.tags);
    expect([...list.tags].sort()).toEqual([...pushed, 'tbase'].sort());
    expect(list.attached).toEqual([]);
  });

  it('follows Link pages of a registry that paginates tag lists', async () => {
    const fake = await startFakePaginatingTagsRegistry(`http://${host}`);
    const paged = new RegistryTransport({ host: fake.host });
    try {
      const pagedClient = new RegistryClient({ transport: paged });
      const pages = await allPages(pagedClient.tagPages(repo));
      expect(pages.map((page) => page.length)).toEqual([1000, 101]);
      expect(fake.requests).toEqual([
        `/v2/${repo}/tags/list?n=1000`,
        `/v2/${repo}/tags/list?n=1000&last=${pages[0]!.at(-1)}`,
      ]);
      const list = await pagedClient.tagList(repo, { pageSize: 300 });
      expect(list.tags).toEqual(pages.flat());
      expect(list.tags).toHaveLength(1_101);
    } finally {
      await paged.close();
      await fake.stop();
    }
  });

  it('splits signature and referrer tags off and attaches them to their subject', async () => {
    const signed = `tags-${run}/signed`;
    const image = await pushImage(host, signed, 'v1', { layers: [Buffer.from('signed layer')] });
    await pushArtifact(host, signed, { subject: image, kind: 'sig' });
    await pushArtifact(host, signed, { subject: image, kind: 'referrer' });
    const hex = image.digest.slice('sha256:'.length);
    const list = await client.tagList(signed);
    expect(list.tags).toEqual(['v1']);
    expect(list.attached).toEqual(
      expect.arrayContaining([
        { tag: `sha256-${hex}.sig`, kind: 'signature', subject: image.digest },
        { tag: `sha256-${hex}`, kind: 'referrers', subject: image.digest },
      ]),
    );
    expect(list.attached).toHaveLength(2);
  });

  it('says NOT_FOUND for a repository that does not exist', async () => {
    await expect(client.tagList(`tags-${run}/missing`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a repository name that could leave the API path', async () => {
    await expect(client.tagList('../../v2/_catalog')).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    await expect(client.tagList('a?b')).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });
});
