import { formatPlatform, type Platform, parsePlatform } from '../../core/oci/platform.js';
import { type ImageRef, parseReference, withDefaultTag } from '../../core/reference/index.js';
import type { RegistryClient } from '../../core/registry/client/registry-client.js';
import { RegistryError } from '../../core/registry/errors.js';
import { imageInspect } from '../../core/registry/inspect.js';
import { repositoryOf, resolveImage } from '../../core/registry/resolve-image.js';
import type { ImageConfigInfo, ImageInspection } from '../../core/registry/types.js';
import type { Command } from '../command.js';
import { humanSize, table } from '../format.js';
import { writeOut } from '../output.js';
import { withRegistrySession } from '../registry-session.js';
import { UsageError } from '../usage-error.js';

export const inspectCommand: Command = {
  usage: [
    'Usage: stevedore inspect <reference> [--platform os/arch[/variant]] [--raw | --json]',
    '',
    'Shows an image in a registry (a tag, or a digest; latest when neither is given).',
    'For a multi-platform index, config and layers are those of --platform, by default',
    'linux/amd64 when the index has it, else its first image.',
    'Options:',
    '  --platform P  the image of the index for os/arch[/variant], as in linux/arm64/v8',
    '  --raw         print the manifest (or index) byte for byte as the registry served it;',
    "                with --platform, that platform's manifest",
    '  --json        print {"name","digest","mediaType","platforms","config","layers","created","labels"}:',
    '                platforms: [{"os","architecture","variant","digest","size"}], empty for a single',
    '                manifest; "variant" only when the platform has one; size counts the manifest,',
    '                config and layers. layers: [{"digest","mediaType","size"}]. config is null',
    '                when the image has none (an artifact), created when nothing records it.',
  ].join('\n'),
  options: { platform: { type: 'string' }, raw: { type: 'boolean' }, json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [input = '']) {
    if (values.raw && values.json) throw new UsageError('--raw and --json print different things: pick one');
    const ref = parseReference(input);
    const platform = platformOption(values.platform as string | undefined);
    return withRegistrySession(io, async (session) => {
      const client = session.client(ref.domain);
      if (values.raw) {
        await writeOut(io.stdout, await manifestBytes(client, ref, platform));
        return 0;
      }
      const inspection = await imageInspect(
        client,
        ref,
        platform ? { platform: formatPlatform(platform) } : {},
      );
      await writeOut(
        io.stdout,
        values.json ? `${JSON.stringify(inspectionJson(inspection), null, 2)}\n` : inspectionText(inspection),
      );
      return 0;
    });
  },
};

function platformOption(text: string | undefined): Platform | undefined {
  if (text === undefined) return undefined;
  try {
    return parsePlatform(text);
  } catch (error) {
    throw new UsageError(`--platform: ${(error as Error).message}`);
  }
}

/** The manifest exactly as served: written as bytes, never decoded, so its digest is the hash of stdout. */
async function manifestBytes(client: RegistryClient, ref: ImageRef, platform?: Platform): Promise<Buffer> {
  const repo = repositoryOf(client, ref);
  const target = withDefaultTag(ref);
  const reference = target.digest ?? (target.tag as string);
  if (!platform) return (await client.manifestGet(repo, reference)).bytes;
  const { top, shown } = await resolveImage(client, repo, reference, platform);
  if (!shown) {
    throw new RegistryError('NOT_FOUND', `${repo} has no image manifest for ${formatPlatform(platform)}.`, {
      details: { host: client.host },
    });
  }
  return shown.digest === top.digest
    ? top.bytes
    : (await client.manifestGet(repo, shown.digest, { fromIndex: true })).bytes;
}

/** The stable --json shape: exactly these keys, whatever ImageInspection grows. */
function inspectionJson(inspection: ImageInspection) {
  const { name, digest, mediaType, platforms, config, layers, created, labels } = inspection;
  return {
    name,
    digest,
    mediaType,
    platforms: platforms.map((p) => ({
      os: p.os,
      architecture: p.architecture,
      ...(p.variant ? { variant: p.variant } : {}),
      digest: p.digest,
      size: p.size,
    })),
    config: config && configJson(config),
    layers: layers.map((layer) => ({ digest: layer.digest, mediaType: layer.mediaType, size: layer.size })),
    created,
    labels,
  };
}

/** The image config's fields, named as in ImageConfigInfo; absent optional fields are left out. */
function configJson(config: ImageConfigInfo): ImageConfigInfo {
  return {
    created: config.created,
    architecture: config.architecture,
    os: config.os,
    variant: config.variant,
    env: config.env,
    labels: config.labels,
    entrypoint: config.entrypoint,
    cmd: config.cmd,
    workingDir: config.workingDir,
    user: config.user,
    exposedPorts: config.exposedPorts,
    history: config.history.map((step) => ({
      created: step.created,
      createdBy: step.createdBy,
      comment: step.comment,
      emptyLayer: step.emptyLayer,
    })),
    diffIds: config.diffIds,
  };
}

function inspectionText(inspection: ImageInspection): string {
  const field = (label: string, value: string) => `${`${label}:`.padEnd(13)}${value}\n`;
  const indent = (text: string) => text.replace(/^(?=.)/gm, '  ');
  let text =
    field('Name', inspection.name) +
    field('Digest', inspection.digest) +
    field('Media type', inspection.mediaType);
  if (inspection.platforms.length > 0) {
    const rows = inspection.platforms.map((p) => [formatPlatform(p), p.digest, humanSize(p.size)]);
    text += `Platforms:\n${indent(table(['PLATFORM', 'DIGEST', 'SIZE'], rows))}`;
  }
  if (inspection.platform) text += field('Platform', formatPlatform(inspection.platform));
  text += field('Created', inspection.created ?? '-') + field('Size', humanSize(inspection.size));
  const labels = Object.entries(inspection.labels);
  if (labels.length > 0) text += `Labels:\n${labels.map(([key, value]) => `  ${key}=${value}\n`).join('')}`;
  if (inspection.layers.length > 0) {
    const rows = inspection.layers.map((l) => [l.digest, l.mediaType, humanSize(l.size)]);
    text += `Layers:\n${indent(table(['DIGEST', 'MEDIA TYPE', 'SIZE'], rows))}`;
  }
  return text;
}
