import { Agent, request } from 'undici';
import { mapPool } from './pool.js';

const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/**
 * The registry's raw capacity for "inspect a tag": per tag GET its manifest, then GET the config
 * it names, `concurrency` tags at a time on keep-alive connections. No digest checks, no schema
 * checks, no cache: the ceiling any client can reach. Returns the configs' `created`, so the
 * caller can check the loop read what a real client reads.
 */
export async function rawInspect(url, repo, tags, { concurrency = 16 } = {}) {
  const dispatcher = new Agent({ connections: concurrency });
  try {
    return await mapPool(tags, concurrency, async (tag) => {
      const manifest = await getJson(dispatcher, `${url}/v2/${repo}/manifests/${tag}`, MANIFEST_ACCEPT);
      const config = await getJson(dispatcher, `${url}/v2/${repo}/blobs/${manifest.config.digest}`);
      return config.created;
    });
  } finally {
    await dispatcher.close();
  }
}

async function getJson(dispatcher, url, accept) {
  const response = await request(url, { dispatcher, headers: accept ? { accept } : {} });
  if (response.statusCode !== 200) {
    await response.body.dump();
    throw new Error(`GET ${url}: HTTP ${response.statusCode}`);
  }
  return response.body.json();
}
