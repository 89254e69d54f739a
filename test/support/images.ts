import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type Dockerode from 'dockerode';
import tar from 'tar-stream';

export interface ScratchImageOptions {
  labels?: Record<string, string>;
  cmd?: string[];
  env?: Record<string, string>;
}

/**
 * Every test image gets this file with a fresh value, so two builds never share an image id
 * (the build cache would otherwise hand back the same image). A file, not a label: each extra
 * Dockerfile instruction costs the classic builder a container commit.
 */
export const NONCE_FILE = '.stevedore-nonce';

/**
 * Builds `FROM scratch` + `COPY` of `files` (paths relative to the image root, plus NONCE_FILE)
 * and tags it. Needs no network and no running container. Resolves with the image id (`sha256:…`).
 */
export async function buildScratchImage(
  docker: Dockerode,
  tag: string,
  files: Record<string, string | Buffer>,
  opts: ScratchImageOptions = {},
): Promise<string> {
  const dockerfile = [
    'FROM scratch',
    'COPY rootfs/ /',
    ...Object.entries(opts.env ?? {}).map(([key, value]) => `ENV ${key}=${JSON.stringify(value)}`),
    ...(opts.cmd ? [`CMD ${JSON.stringify(opts.cmd)}`] : []),
  ].join('\n');
  const context = contextTar({
    Dockerfile: dockerfile,
    ...Object.fromEntries(
      Object.entries(files).map(([path, content]) => [`rootfs/${path.replace(/^\/+/, '')}`, content]),
    ),
    [`rootfs/${NONCE_FILE}`]: randomUUID(),
  });
  // tar-stream's Pack is a streamx stream; Readable.from makes it the Node stream dockerode pipes.
  const stream = await docker.buildImage(Readable.from(context), {
    t: tag,
    ...(opts.labels ? { labels: opts.labels } : {}),
    rm: true,
    forcerm: true,
  });
  const output = await new Promise<BuildMessage[]>((resolve, reject) => {
    docker.modem.followProgress(stream, (error: Error | null, messages: BuildMessage[]) =>
      error ? reject(error) : resolve(messages),
    );
  });
  const failure = output.find((message) => message.error || message.errorDetail);
  if (failure)
    throw new Error(`docker build of ${tag} failed: ${failure.error ?? failure.errorDetail?.message}`);
  const id = output.find((message) => message.aux?.ID)?.aux?.ID;
  return id ?? (await docker.getImage(tag).inspect()).Id;
}

/**
 * An image with no tag at all, as `docker image prune` sees it: built under a tag, then the
 * tag moves to a second build. The second build is removed again. Resolves with the dangling id.
 */
export async function makeDanglingImage(docker: Dockerode): Promise<string> {
  const tag = `stevedore-test/dangling-${randomUUID().slice(0, 8)}:build`;
  const dangling = await buildScratchImage(docker, tag, { 'content.txt': `first ${randomUUID()}` });
  await buildScratchImage(docker, tag, { 'content.txt': `second ${randomUUID()}` });
  await docker.getImage(tag).remove();
  return dangling;
}

/** Cleanup after a test: removes each image (by id or reference) if it is still there. */
export async function removeImages(docker: Dockerode, images: Iterable<string | undefined>): Promise<void> {
  for (const image of images) {
    if (image)
      await docker
        .getImage(image)
        .remove({ force: true })
        .catch(() => {});
  }
}

interface BuildMessage {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/** The build context as a tar stream; entries with in-memory content are queued at once. */
function contextTar(files: Record<string, string | Buffer>): tar.Pack {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files))
    pack.entry({ name, mode: 0o644, mtime: new Date(0) }, content);
  pack.finalize();
  return pack;
}
