import { spawn } from 'node:child_process';
import { z } from 'zod';
import { CredentialError } from './errors.js';
import type { Credential } from './types.js';

/** Helpers are programs named `docker-credential-<name>` on PATH (docker-credential-helpers). */
export const HELPER_PREFIX = 'docker-credential-';

/** Helpers may wait for the user (a keychain prompt): generous, but never forever. */
export const DEFAULT_HELPER_TIMEOUT_MS = 60_000;

/** What helpers print for an unknown server URL; the protocol's only "not found". */
const NOT_FOUND_MESSAGE = 'credentials not found in native keychain';

/** The username that says the secret is an identity token (docker's native store). */
export const TOKEN_USERNAME = '<token>';

/** An answer larger than this is not a credential: stop reading and fail. */
const OUTPUT_LIMIT = 1024 * 1024;
/** Longest piece of a helper's output quoted in an error message. */
const QUOTE_LIMIT = 500;

const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const getAnswerSchema = z.object({ Username: z.string(), Secret: z.string() });
const listAnswerSchema = z.record(z.string(), z.string()).nullable();

export interface HelperOptions {
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Where the helper's name was configured, for messages: `credsStore in /home/me/.docker/config.json`. */
  origin?: string;
}

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A docker-credential-* program, spoken to exactly as the docker CLI does: the action is the one
 * argument; `get` and `erase` read the server URL on stdin, `store` reads
 * `{"ServerURL","Username","Secret"}`, `list` prints `{url: username}`. A helper reports errors
 * on stdout with a non-zero exit.
 */
export class CredentialHelper {
  readonly program: string;

  constructor(
    readonly name: string,
    private readonly opts: HelperOptions,
  ) {
    if (!HELPER_NAME.test(name)) {
      throw new CredentialError(
        'DOCKER_CONFIG_INVALID',
        `"${name.slice(0, 100)}" is not a credential helper name${this.where()} (letters, digits, ".", "_", "-")`,
      );
    }
    this.program = `${HELPER_PREFIX}${name}`;
  }

  /** The credential for `serverUrl`, or undefined when the helper has none. */
  async get(serverUrl: string): Promise<Credential | undefined> {
    const exit = await this.run('get', serverUrl);
    if (exit.code !== 0) {
      if (outputOf(exit) === NOT_FOUND_MESSAGE) return undefined;
      throw this.failed('get', exit);
    }
    const answer = getAnswerSchema.safeParse(parseJson(exit.stdout));
    if (!answer.success) throw this.garbled('get', 'a JSON object with Username and Secret');
    const { Username: username, Secret: secret } = answer.data;
    if (!username && !secret) return undefined;
    if (username === TOKEN_USERNAME) return { identityToken: secret };
    return secret ? { username, password: secret } : { username };
  }

  async store(serverUrl: string, credential: Credential): Promise<void> {
    const token = credential.identityToken;
    const body = {
      ServerURL: serverUrl,
      Username: token ? TOKEN_USERNAME : (credential.username ?? ''),
      Secret: token ?? credential.password ?? '',
    };
    // Go's json.Encoder, which the docker CLI uses, ends the document with a newline.
    const exit = await this.run('store', `${JSON.stringify(body)}\n`);
    if (exit.code !== 0) throw this.failed('store', exit);
  }

  /** Removes the entry; an entry that is already gone is not an error. */
  async erase(serverUrl: string): Promise<void> {
    const exit = await this.run('erase', serverUrl);
    if (exit.code !== 0 && outputOf(exit) !== NOT_FOUND_MESSAGE) throw this.failed('erase', exit);
  }

  /** Server URL → username of every entry the helper holds. */
  async list(): Promise<Record<string, string>> {
    // The docker CLI sends "unused" to list; some helpers wait for stdin to close.
    const exit = await this.run('list', 'unused');
    if (exit.code !== 0) throw this.failed('list', exit);
    const answer = listAnswerSchema.safeParse(parseJson(exit.stdout));
    if (!answer.success) throw this.garbled('list', 'a JSON object of server URL to username');
    return answer.data ?? {};
  }

  private run(action: string, input: string): Promise<Exit> {
    const timeoutMs = this.opts.timeoutMs ?? DEFAULT_HELPER_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const child = spawn(this.program, [action], { env: this.opts.env, windowsHide: true });
      const stdout = collect(child.stdout, () => {
        child.kill('SIGKILL');
        settle(() => reject(this.garbled(action, `at most ${OUTPUT_LIMIT} bytes`)));
      });
      const stderr = collect(child.stderr, () => child.kill('SIGKILL'));
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        settle(() =>
          reject(
            new CredentialError(
              'CREDENTIAL_HELPER_TIMEOUT',
              `${this.program} ${action} did not answer within ${Math.round(timeoutMs / 1000)} s${this.where()}`,
            ),
          ),
        );
      }, timeoutMs);
      child.once('error', (error: NodeJS.ErrnoException) => settle(() => reject(this.spawnFailed(error))));
      child.once('close', (code) =>
        settle(() => resolve({ code, stdout: stdout.text(), stderr: stderr.text() })),
      );
      // A helper may exit without reading its input; its exit status says what happened.
      child.stdin.once('error', () => {});
      child.stdin.end(input);
    });
  }

  private spawnFailed(error: NodeJS.ErrnoException): CredentialError {
    if (error.code === 'ENOENT') {
      return new CredentialError(
        'CREDENTIAL_HELPER_MISSING',
        `The credential helper ${this.program} is not installed or not on PATH${this.where()}. ` +
          'Install it, or remove it from the docker config.',
        { helper: this.program },
      );
    }
    return new CredentialError(
      'CREDENTIAL_HELPER_FAILED',
      `${this.program} could not be started${this.where()}: ${error.message}`,
      { helper: this.program },
      { cause: error },
    );
  }

  private failed(action: string, exit: Exit): CredentialError {
    const output = outputOf(exit);
    return new CredentialError(
      'CREDENTIAL_HELPER_FAILED',
      `${this.program} ${action} failed (exit ${exit.code ?? 'by signal'})${output ? `: ${quote(output)}` : ''}`,
      { helper: this.program, action, exitCode: exit.code },
    );
  }

  private garbled(action: string, expected: string): CredentialError {
    return new CredentialError(
      'CREDENTIAL_HELPER_FAILED',
      `${this.program} ${action} answered something other than ${expected}${this.where()}`,
      { helper: this.program, action },
    );
  }

  private where(): string {
    return this.opts.origin ? ` (${this.opts.origin})` : '';
  }
}

/** Helpers write their error to stdout; fall back to stderr for programs that do not follow that. */
function outputOf(exit: Exit): string {
  return exit.stdout.trim() || exit.stderr.trim();
}

function quote(text: string): string {
  return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function collect(stream: NodeJS.ReadableStream, onOverflow: () => void): { text(): string } {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > OUTPUT_LIMIT) {
      onOverflow();
      return;
    }
    chunks.push(chunk);
  });
  return { text: () => Buffer.concat(chunks).toString('utf8') };
}
