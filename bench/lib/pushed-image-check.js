const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
].join(', ');

/**
 * Proof that a push really uploaded the image: the registry (started empty for that push, so
 * nothing it holds came from elsewhere) serves `repo:tag` as the manifest `digest` the client
 * reported, with `layerCount` layers whose blobs it holds at their full size, `minBytes` at least
 * in all (random data: gzip cannot make the layers smaller than the files in them).
 */
export async function checkRegistryHoldsImage(url, repo, tag, { digest, layerCount, minBytes }) {
  const response = await fetch(`${url}/v2/${repo}/manifests/${tag}`, {
    headers: { accept: MANIFEST_TYPES },
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(`the registry has no ${repo}:${tag} after the push: HTTP ${response.status} ${body}`);
  }
  const stored = response.headers.get('docker-content-digest');
  if (stored !== digest)
    throw new Error(`the registry holds ${repo}:${tag} as ${stored}, the client said ${digest}`);
  const { layers } = JSON.parse(body);
  if (layers.length !== layerCount) {
    throw new Error(`${repo}:${tag} has ${layers.length} layers in the registry, expected ${layerCount}`);
  }
  let bytes = 0;
  for (const layer of layers) {
    const head = await fetch(`${url}/v2/${repo}/blobs/${layer.digest}`, { method: 'HEAD' });
    const length = Number(head.headers.get('content-length'));
    if (head.status !== 200 || length !== layer.size) {
      throw new Error(
        `blob ${layer.digest} of ${repo}:${tag}: HTTP ${head.status}, ${length} bytes, expected ${layer.size}`,
      );
    }
    bytes += length;
  }
  if (bytes < minBytes)
    throw new Error(`${repo}:${tag} has ${bytes} bytes of layers, expected >= ${minBytes}`);
}
