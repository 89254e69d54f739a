import type Dockerode from 'dockerode';
import { credentialLookup, credentialStores } from '../../core/credentials/index.js';
import { openEngineSession } from '../../core/engine/open-session.js';
import type { TransferOptions } from '../../core/engine/push.js';
import { DOCKER_HUB_DOMAIN, type ImageRef, parseReference } from '../../core/reference/index.js';
import type { RegistrySession } from '../../core/registry/session.js';
import { appConfigDir } from '../../core/settings/store.js';
import { PushHistory, pushHistoryFile } from '../../core/transfer/push-history.js';
import { pushVerified } from '../../core/transfer/verified-push.js';
import type { Command, CommandIo } from '../command.js';
import { withCancelOnInterrupt } from '../interrupt.js';
import { writeOut } from '../output.js';
import { createProgressReporter } from '../progress.js';
import { UsageError } from '../usage-error.js';

export const pushCommand: Command = {
  usage: [
    'Usage: stevedore push <local-image> [<target-ref>] [--engine NAME|URL] [--json]',
    '',
    'Pushes an image of the engine to a registry, as docker push does, and prints the digest the',
    'registry stored. The image is tagged as the target for the push and untagged after it. The',
    "target defaults to the image's own name when that names a registry (host/repository:tag).",
    'The digest is checked from both ends: the engine lists it and the registry serves it for the tag.',
    'Logins come from the docker config (and its credential helpers), as docker push reads them.',
    'Progress goes to stderr: redrawn bars on a terminal, a line per layer start and end elsewhere.',
    'Options:',
    '  --engine NAME|URL  an engine by id, name or URL (default: the active engine)',
    '  --json             print {"target","digest","size"}: the reference pushed, fully qualified,',
    '                     the manifest digest and its size in bytes',
  ].join('\n'),
  options: { engine: { type: 'string' }, json: { type: 'boolean' } },
  operands: { min: 1, max: 2 },
  async run(values, io, [image = '', targetInput]) {
    const target = parseReference(targetInput ?? ownRegistryName(image));
    const history = await PushHistory.open(pushHistoryFile(appConfigDir(io.env)));
    // The registry client (undici and all) is only needed to check the result: it loads while
    // the engine pushes, not before the push starts.
    let registries: Promise<RegistrySession> | undefined;
    const openRegistries = () =>
      (registries ??= import('../../core/registry/open-session.js').then(({ openRegistrySession }) =>
        openRegistrySession({ env: io.env }),
      ));
    try {
      const result = await runTransfer(values, io, target, (docker, opts) =>
        pushVerified(
          docker,
          image,
          target,
          async () => (await openRegistries()).client(target.domain),
          opts,
          history,
        ),
      );
      const text = values.json ? `${JSON.stringify(result, null, 2)}\n` : `${result.digest}\n`;
      await writeOut(io.stdout, text);
      return 0;
    } finally {
      if (registries) await (await registries.catch(() => undefined))?.close();
    }
  },
};

/** The image's own name when it names a registry; `app:1` would go to Docker Hub, which is never assumed. */
function ownRegistryName(image: string): string {
  const first = image.split('/')[0] ?? '';
  const hasDomain = image.includes('/') && (/[.:]/.test(first) || first === 'localhost');
  if (!hasDomain || first === DOCKER_HUB_DOMAIN) {
    throw new UsageError(
      `"${image}" names no registry: give the target too, e.g. stevedore push ${image} registry.example.com/team/app:1.0`,
    );
  }
  return image;
}

/**
 * The part push and pull share: the engine from --engine, the login for the reference's registry
 * (the docker config and its credential helpers, as docker push reads them), progress on stderr,
 * and Ctrl+C cancelling the transfer (exit 1) rather than killing the process mid-stream. A
 * second Ctrl+C ends the process at once.
 */
export async function runTransfer<T>(
  values: Record<string, string | boolean | undefined>,
  io: CommandIo,
  ref: ImageRef,
  work: (docker: Dockerode, opts: TransferOptions) => Promise<T>,
): Promise<T> {
  const engine = values.engine as string | undefined;
  if (engine !== undefined && engine.trim() === '') throw new UsageError('--engine needs a name or a URL');
  const auth = await credentialLookup(credentialStores({ env: io.env }).ordered)(ref.domain);
  const { session } = await openEngineSession(io.env);
  const progress = createProgressReporter(io.stderr, {
    tty: (io.stderr as NodeJS.WriteStream).isTTY === true,
  });
  try {
    const { docker } = await session.resolve(engine);
    return await withCancelOnInterrupt((signal) =>
      work(docker, { signal, onProgress: (part) => progress.update(part), ...(auth ? { auth } : {}) }),
    );
  } finally {
    progress.end();
    await session.close();
  }
}
