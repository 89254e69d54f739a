import { imagesList } from '../../core/engine/images.js';
import { openEngineSession } from '../../core/engine/open-session.js';
import type { ImageSummary } from '../../core/engine/types.js';
import type { Command } from '../command.js';
import { humanDuration, humanSize, table } from '../format.js';
import { UsageError } from '../usage-error.js';

export const imagesCommand: Command = {
  usage: [
    'Usage: stevedore images [--engine NAME|URL] [--json]',
    '',
    'Options:',
    '  --engine NAME|URL  an engine by id, name or URL (default: the active engine)',
    '  --json             print a JSON array of {id, repoTags, repoDigests, size, created}',
  ].join('\n'),
  options: { engine: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, io) {
    const engine = values.engine as string | undefined;
    if (engine !== undefined && engine.trim() === '') throw new UsageError('--engine needs a name or a URL');
    const { session } = await openEngineSession(io.env);
    try {
      const { docker } = await session.resolve(engine);
      const images = await imagesList(docker);
      io.stdout.write(values.json ? `${JSON.stringify(images.map(toJson), null, 2)}\n` : imagesTable(images));
      return 0;
    } finally {
      await session.close();
    }
  },
};

/** The stable --json shape: exactly these keys, whatever ImageSummary grows. */
function toJson({ id, repoTags, repoDigests, size, created }: ImageSummary) {
  return { id, repoTags, repoDigests, size, created };
}

/** Like `docker images`: newest first, one row per tag and per repository known only by digest. */
function imagesTable(images: ImageSummary[], now = Date.now()): string {
  const rows: string[][] = [];
  const newestFirst = [...images].sort((a, b) => Date.parse(b.created) - Date.parse(a.created));
  for (const image of newestFirst) {
    const shortId = image.id.replace(/^sha256:/, '').slice(0, 12);
    const created = `${humanDuration(now - Date.parse(image.created))} ago`;
    const size = humanSize(image.size);
    for (const [repository, tag] of names(image)) rows.push([repository, tag, shortId, created, size]);
  }
  return table(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'], rows);
}

/** [repository, tag] pairs: every tag, then `<none>` for a repository that holds the image by digest only. */
function names(image: ImageSummary): [string, string][] {
  const pairs = image.repoTags.map(splitTag);
  const tagged = new Set(pairs.map(([repository]) => repository));
  const byDigest = new Set(image.repoDigests.map((digest) => digest.slice(0, digest.indexOf('@'))));
  for (const repository of byDigest) if (!tagged.has(repository)) pairs.push([repository, '<none>']);
  return pairs.length > 0 ? pairs : [['<none>', '<none>']];
}

/** `registry:5000/team/app:1.0` → [`registry:5000/team/app`, `1.0`]: the tag follows the last ':' after the last '/'. */
function splitTag(reference: string): [string, string] {
  const colon = reference.lastIndexOf(':');
  if (colon <= reference.lastIndexOf('/')) return [reference, '<none>'];
  return [reference.slice(0, colon), reference.slice(colon + 1)];
}
