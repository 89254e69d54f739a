import type { Readable } from 'node:stream';
import type { Credential } from '../credentials/types.js';
import { CancelledError } from '../errors.js';
import { DOCKER_HUB_DOMAIN, type ImageRef } from '../reference/index.js';
import type { TaskPart } from '../tasks/types.js';
import { EngineError, toEngineError } from './errors.js';
import { jsonLineParser } from './json-lines.js';
import { engineRefusal, type TransferContext } from './registry-refusal.js';
import type { EngineEndpoint } from './types.js';

/** One line of the engine's push/pull progress stream (POST /images/{name}/push, /images/create). */
interface ProgressLine {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
  aux?: { Tag?: string; Digest?: string; Size?: number };
}

/** What the stream said of the image as a whole once it ended. */
export interface DockerProgressResult {
  /** The manifest digest: the `aux` line of a push, the `Digest:` status of a pull. */
  digest?: string;
  /** The manifest size in bytes (push only). */
  size?: number;
}

export interface DockerProgressParser {
  write(chunk: Buffer | string): void;
  /** The result once the stream ended; throws the EngineError of an `error` line. */
  finish(): DockerProgressResult;
}

export { engineRefusal, type TransferContext } from './registry-refusal.js';

type PartState = TaskPart['state'];
type Outcome = NonNullable<TaskPart['outcome']>;

/** Layer statuses as the engine words them (distribution/xfer); anything else is not about a layer. */
const LAYER_STATES: Record<string, PartState> = {
  Preparing: 'waiting',
  Waiting: 'waiting',
  'Pulling fs layer': 'waiting',
  Pushing: 'running',
  Downloading: 'running',
  'Verifying Checksum': 'running',
  'Download complete': 'running',
  Extracting: 'running',
  Pushed: 'done',
  'Pull complete': 'done',
  'Layer already exists': 'skipped',
  'Already exists': 'skipped',
};

/** What became of a layer, by the status that ended it. */
const OUTCOMES: Record<string, Outcome> = {
  Pushed: 'uploaded',
  'Pull complete': 'downloaded',
  'Layer already exists': 'exists',
  'Already exists': 'exists',
};

const DIGEST_STATUS = /^Digest: (\S+:[a-f0-9]+)$/;
/** The first line of a push names the repository, registry included: `[127.0.0.1:5000/team/app]`. */
const PUSH_STATUS = /^The push refers to repository \[([^\]/]+)\/[^\]]+\]$/;
/** `Retrying in 5 seconds`: the engine lost the registry and tries the layer again. */
const RETRY_STATUS = /^Retrying in (\d+) seconds?$/;

/**
 * Reads the JSON-lines progress of a push or pull into one TaskPart per layer (reported on every
 * change) and the image's digest. Chunks may end anywhere; lines that are not JSON are skipped.
 * An `error` line becomes an EngineError worded with `context` (or what the stream told of it).
 */
export function dockerProgressParser(
  onProgress?: (part: TaskPart) => void,
  context: TransferContext = {},
): DockerProgressParser {
  const parts = new Map<string, TaskPart>();
  const result: DockerProgressResult = {};
  const learned: TransferContext = { ...context };
  let failure: EngineError | undefined;

  const report = (part: TaskPart) => {
    parts.set(part.id, part);
    onProgress?.({ ...part });
  };

  const onLine = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    const line = value as ProgressLine;
    if (line.error !== undefined || line.errorDetail !== undefined) {
      failure ??= engineRefusal(line.errorDetail?.message ?? line.error ?? 'The engine failed', learned);
      for (const part of parts.values()) {
        // A layer the engine was about to retry is not retried any more: its label stops saying so.
        if (part.state === 'waiting' || part.state === 'running') {
          report({ ...part, label: `layer ${part.id}`, state: 'failed' });
        }
      }
      return;
    }
    if (line.aux?.Digest) {
      result.digest = line.aux.Digest;
      if (typeof line.aux.Size === 'number') result.size = line.aux.Size;
      return;
    }
    const status = line.status ?? '';
    const digest = DIGEST_STATUS.exec(status)?.[1];
    if (digest) result.digest = digest;
    learn(status);
    if (line.id) layerLine(line.id, status, line.progressDetail);
  };

  const learn = (status: string) => {
    const pushed = PUSH_STATUS.exec(status)?.[1];
    if (pushed !== undefined) {
      learned.action ??= 'push';
      // As the engine splits names: a first component with a dot or port, or localhost, is a registry.
      learned.registry ??= /[.:]/.test(pushed) || pushed === 'localhost' ? pushed : 'docker.io';
    } else if (status.startsWith('Pulling from ')) learned.action ??= 'pull';
  };

  const layerLine = (id: string, status: string, detail: ProgressLine['progressDetail']) => {
    // `Mounted from other/repo`: the registry linked the layer from another repository, nothing sent.
    const mounted = status.startsWith('Mounted from');
    const retryIn = RETRY_STATUS.exec(status)?.[1];
    const state = mounted ? 'done' : retryIn !== undefined ? 'waiting' : LAYER_STATES[status];
    if (state === undefined) return;
    const before = parts.get(id);
    const outcome = mounted ? 'mounted' : OUTCOMES[status];
    const part: TaskPart = {
      id,
      label: retryIn === undefined ? `layer ${id}` : `layer ${id} (retrying in ${retryIn} s)`,
      current: before?.current ?? 0,
      ...(before?.total === undefined ? {} : { total: before.total }),
      state,
      ...(outcome ? { outcome } : {}),
    };
    if (state === 'running' && detail && typeof detail.current === 'number') {
      part.current = detail.current;
      if (typeof detail.total === 'number' && detail.total > 0) part.total = detail.total;
    }
    if (state === 'done' && status === 'Pushed' && part.total !== undefined) part.current = part.total;
    report(part);
  };

  const lines = jsonLineParser(onLine);
  return {
    write: (chunk) => lines.write(chunk),
    finish() {
      // The last line may come without its newline.
      lines.write('\n');
      if (failure) throw failure;
      return { ...result };
    },
  };
}

/**
 * Feeds `stream` to `parser` until it ends. Aborting `signal` destroys the stream (the engine
 * stops the transfer when the connection goes) and rejects with CancelledError.
 */
export function readProgressStream(
  stream: NodeJS.ReadableStream,
  parser: DockerProgressParser,
  signal?: AbortSignal,
): Promise<DockerProgressResult> {
  return new Promise((resolve, reject) => {
    const cancel = () => {
      (stream as Partial<Readable>).destroy?.();
      reject(new CancelledError());
    };
    if (signal?.aborted) return cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    const settle = (work: () => void) => {
      signal?.removeEventListener('abort', cancel);
      if (signal?.aborted) return;
      try {
        work();
      } catch (error) {
        reject(error);
      }
    };
    stream.on('data', (chunk: Buffer | string) => parser.write(chunk));
    stream.on('end', () => settle(() => resolve(parser.finish())));
    stream.on('error', (error: Error) => settle(() => reject(toEngineError(error))));
  });
}

/**
 * The X-Registry-Auth the engine forwards to the registry (dockerode encodes it): what
 * `docker push` sends, a login or an identity token, for the registry as references name it.
 */
export function registryAuthConfig(
  credential: Credential | undefined,
  ref: Pick<ImageRef, 'domain'>,
): Record<string, string> | undefined {
  if (!credential) return undefined;
  // The engine (and the docker CLI) key Docker Hub by its old index address.
  const serveraddress = ref.domain === DOCKER_HUB_DOMAIN ? 'https://index.docker.io/v1/' : ref.domain;
  const auth: Record<string, string> = { serveraddress };
  if (credential.identityToken) auth.identitytoken = credential.identityToken;
  else if (credential.registryToken) auth.registrytoken = credential.registryToken;
  else {
    if (credential.username !== undefined) auth.username = credential.username;
    if (credential.password !== undefined) auth.password = credential.password;
  }
  return auth;
}

/**
 * What a push or pull refused before its stream began (the registry answered the engine first):
 * docker-modem puts the daemon's sentence after `(HTTP code N) reason - `, which gets its code here.
 */
export function transferRefusal(
  error: unknown,
  endpoint?: EngineEndpoint,
  context: TransferContext = {},
): EngineError {
  const engineError = toEngineError(error, endpoint);
  if (!(error instanceof Error) || engineError.details === undefined) return engineError;
  const said = /^\(HTTP code \d+\) [^-]*- (.+)$/s.exec(error.message.trim())?.[1];
  if (said === undefined) return engineError;
  const refusal = engineRefusal(said, context);
  const details = { ...(engineError.details as object), ...(refusal.details as object) };
  return new EngineError(refusal.code, refusal.message, details, { cause: error });
}
