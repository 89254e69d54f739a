import { EngineError, type EngineErrorCode } from './errors.js';

/** What a push or pull was doing when the engine gave up: it makes the engine's words actionable. */
export interface TransferContext {
  /** The registry as references name it (`127.0.0.1:5000`, `docker.io`). */
  registry?: string;
  action?: 'push' | 'pull';
}

/** The engine's name for Docker Hub's API hosts; people log in to `docker.io`. */
const HUB_API_HOSTS = new Set(['registry-1.docker.io', 'index.docker.io', 'auth.docker.io']);

/**
 * The registry a daemon sentence names: `Put "http://127.0.0.1:5000/v2/…"`, `dial tcp
 * 127.0.0.1:5000: connect: …`, `Head https://registry.example/v2/…`.
 */
export function registryNamedIn(text: string): string | undefined {
  const host =
    /\bhttps?:\/\/([^/"\s]+)\/v2\//i.exec(text)?.[1] ?? /\bdial tcp ([^\s:]+:\d+):/.exec(text)?.[1];
  if (host === undefined) return undefined;
  return HUB_API_HOSTS.has(host.toLowerCase()) ? 'docker.io' : host;
}

interface Rule {
  test: RegExp;
  code: EngineErrorCode | ((where: Where) => EngineErrorCode);
  /** The message, from the engine's own words (`said`), the registry's name and the action. */
  say: (said: string, where: Where) => string;
}

interface Where {
  /** `127.0.0.1:5000` or `the registry`. */
  registry: string;
  /** What `stevedore login` takes: the registry's name, or HOST when unknown. */
  login: string;
  action: 'push' | 'pull' | 'transfer';
  /** `push again`, `pull again`, `try again`. */
  again: string;
}

/** Checked in order: the first rule whose pattern the engine's sentence matches words the error. */
const RULES: Rule[] = [
  {
    // The engine found no login for the registry at all (docker's auth.ErrNoBasicAuthCredentials).
    test: /no basic auth credentials/i,
    code: 'UNAUTHORIZED',
    say: (said, w) =>
      `${w.registry} needs a login to ${w.action} (${said}). Log in (stevedore login ${w.login}), then ${w.again}.`,
  },
  {
    test: /unauthorized|authentication required|incorrect username or password/i,
    code: 'UNAUTHORIZED',
    say: (said, w) =>
      `${w.registry} refused the ${w.action} without a valid login (${said}). Log in again (stevedore login ${w.login}), then ${w.again}.`,
  },
  {
    test: /denied|forbidden/i,
    code: 'DENIED',
    say: (said, w) =>
      `${w.registry} denied the ${w.action} (${said}): this login may not ${w.action} there. Ask for access, or log in as someone who has it (stevedore login ${w.login}).`,
  },
  {
    test: /not found|manifest unknown|does not exist|no such image/i,
    code: 'NOT_FOUND',
    say: (said) => said,
  },
  {
    // A push only reads the engine's disk: the registry's is full. A pull writes the engine's.
    test: /no space left on device/i,
    code: (w) => (w.action === 'push' ? 'REGISTRY_ERROR' : 'ENGINE_ERROR'),
    say: (said, w) =>
      w.action === 'push'
        ? `${w.registry} ran out of space (${said}). Free space on the registry, then push again.`
        : `The engine ran out of disk space (${said}). Free space (remove unused images), then ${w.again}.`,
  },
  {
    test: /server gave HTTP response to HTTPS client/i,
    code: 'TLS_ERROR',
    say: (said, w) =>
      `The engine speaks HTTPS to ${w.registry}, which answers in plain HTTP (${said}). Add it to "insecure-registries" in the engine's daemon.json, or serve the registry over TLS.`,
  },
  {
    // distribution answers a failed write (a full disk above all) with HTTP 500 "unknown error";
    // the engine keeps only the status or that phrase.
    test: /unexpected HTTP status: 5\d\d|unknown: unknown error|HTTP status 5\d\d/i,
    code: 'REGISTRY_ERROR',
    say: (said, w) =>
      w.action === 'push'
        ? `${w.registry} failed to store the push (${said}); a full disk is the usual cause. Free space on the registry (its log says more), then push again.`
        : `${w.registry} failed to serve the ${w.action} (${said}). Its log says why; once it is fixed, ${w.again}.`,
  },
  {
    test: /connection refused|no such host|i\/o timeout|connection reset|broken pipe|\bEOF\b|no route to host|network is unreachable|dial tcp/i,
    code: 'REGISTRY_UNREACHABLE',
    say: (said, w) =>
      `Cannot reach ${w.registry} (${said}). Check that it is running and that the engine can reach it, then ${w.again}${w.action === 'push' ? ': layers it already has are not sent twice' : ''}.`,
  },
];

/**
 * The daemon's sentence about a registry's refusal, with a code the UI can act on (log in, free
 * space, start the registry) and the next step. A sentence no rule knows is passed on as it is.
 */
export function engineRefusal(message: string, context: TransferContext = {}): EngineError {
  const said = message.trim();
  const rule = RULES.find((candidate) => candidate.test.test(said));
  if (!rule) return new EngineError('ENGINE_ERROR', said);
  const named = context.registry ?? registryNamedIn(said);
  const action = context.action ?? 'transfer';
  const where: Where = {
    registry: named ?? 'the registry',
    login: named ?? 'HOST',
    action,
    again: action === 'transfer' ? 'try again' : `${action} again`,
  };
  const details = { ...(named ? { registry: named } : {}), said };
  const code = typeof rule.code === 'function' ? rule.code(where) : rule.code;
  return new EngineError(code, capitalised(rule.say(said, where)), details);
}

/** "the registry needs…" starts a sentence; a host name (`docker.io`) is written as it is. */
function capitalised(text: string): string {
  return text.startsWith('the ') ? `The${text.slice(3)}` : text;
}
