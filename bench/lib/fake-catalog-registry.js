import { createServer } from 'node:http';

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 100;

/**
 * A FAKE registry that serves only `GET /v2/` (200, anonymous) and `GET /v2/_catalog`, over
 * `names`, paginated as docker/distribution does: `n` capped at 1000 (100 when absent), `last`
 * the name to start after, a `Link: <…>; rel="next"` header while names remain. Everything else
 * is a 404 with an OCI error body. It exists because filling a real registry with 100,000
 * repositories takes too long for a bench; the catalog bench (registry-catalog.js) uses the real one.
 * Listens on 127.0.0.1 only; `stop()` closes it.
 */
export async function startFakeCatalogRegistry(names) {
  const sorted = [...names].sort();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound(response);
    if (url.pathname === '/v2/' || url.pathname === '/v2') return json(response, 200, {});
    if (url.pathname !== '/v2/_catalog') return notFound(response);

    const asked = Number(url.searchParams.get('n') ?? DEFAULT_PAGE);
    const size = Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_PAGE) : DEFAULT_PAGE;
    const last = url.searchParams.get('last');
    const start = last === null ? 0 : firstAfter(sorted, last);
    const page = sorted.slice(start, start + size);
    if (start + size < sorted.length && page.length > 0) {
      const next = new URLSearchParams({ last: page[page.length - 1], n: String(size) });
      response.setHeader('link', `</v2/_catalog?${next}>; rel="next"`);
    }
    json(response, 200, { repositories: page });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Index of the first name after `last` in lexical order (binary search). */
function firstAfter(sorted, last) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= last) low = middle + 1;
    else high = middle;
  }
  return low;
}

function json(response, status, body) {
  const bytes = Buffer.from(JSON.stringify(body));
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'docker-distribution-api-version': 'registry/2.0',
  });
  response.end(bytes);
}

function notFound(response) {
  json(response, 404, {
    errors: [{ code: 'NOT_FOUND', message: 'the fake registry serves only the catalog' }],
  });
}
