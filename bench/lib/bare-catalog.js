import { pathToFileURL } from 'node:url';

/**
 * The floor for listing a catalog: `/v2/_catalog?n=1000`, then each `Link: <…>; rel="next"`,
 * with Node's own fetch and nothing else (no auth, no checks). Run as a script
 * (`node bare-catalog.js http://127.0.0.1:PORT`) it prints the count, so it can be timed as a
 * process of its own, start-up included, like the CLI it is compared with.
 */
export async function bareCatalog(url, { pageSize = 1000, maxPages = 10_000 } = {}) {
  const repositories = [];
  let next = `${url}/v2/_catalog?n=${pageSize}`;
  for (let page = 0; next; page += 1) {
    if (page >= maxPages) throw new Error(`the catalog at ${url} has more than ${maxPages} pages`);
    const response = await fetch(next);
    if (response.status !== 200) throw new Error(`GET ${next}: HTTP ${response.status}`);
    repositories.push(...(await response.json()).repositories);
    const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('link') ?? '');
    next = link ? new URL(link[1], url).href : undefined;
  }
  return repositories;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2];
  if (!url) throw new Error('usage: node bare-catalog.js http://HOST:PORT');
  console.log((await bareCatalog(url)).length);
}
