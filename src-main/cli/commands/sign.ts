import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseReference } from '../../core/reference/index.js';
import { TrustMaterialError } from '../../core/trust/errors.js';
import { importSigningKey, type SigningKey } from '../../core/trust/keys/private-key.js';
import { signReference } from '../../core/trust/sign-reference.js';
import type { Command, CommandIo } from '../command.js';
import { withCancelOnInterrupt } from '../interrupt.js';
import { writeOut } from '../output.js';
import { withRegistrySession } from '../registry-session.js';
import { readTerminalLine } from '../terminal-input.js';
import { UsageError } from '../usage-error.js';

export const signCommand: Command = {
  usage: [
    'Usage: stevedore sign <reference> --key KEYFILE [--json]',
    '',
    'Signs an image in a registry as `cosign sign --key` does (without a transparency log upload):',
    'the tag is resolved to its digest, and an ECDSA P-256 signature of it is written to the',
    'sha256-<hex>.sig tag beside it (signatures already there are kept). cosign verifies it with',
    "the key's cosign.pub, and so does `stevedore trust --key cosign.pub`. Prints the signature tag.",
    'The key file is a cosign.key (cosign generate-key-pair) or a PEM private key (PKCS #8, EC).',
    'An encrypted key is opened with STEVEDORE_KEY_PASSWORD, else COSIGN_PASSWORD, else a password',
    'asked for on the terminal.',
    'Options:',
    '  --key KEYFILE  the private key to sign with',
    '  --json         print {"reference","digest","tag","manifestDigest","added"}: added is false when',
    '                 this key had signed the digest already (nothing was written)',
  ].join('\n'),
  options: { key: { type: 'string' }, json: { type: 'boolean' } },
  operands: { min: 1, max: 1 },
  async run(values, io, [input = '']) {
    const keyFile = values.key as string | undefined;
    if (!keyFile) throw new UsageError('--key KEYFILE is required: the private key to sign with');
    const ref = parseReference(input);
    const key = await signingKey(keyFile, io);
    const outcome = await withRegistrySession(io, (registries) =>
      withCancelOnInterrupt((signal) => signReference(registries.client(ref.domain), input, key, signal)),
    );
    if (!outcome.added)
      io.stderr.write(`stevedore: ${basename(keyFile)} had signed ${outcome.digest} already\n`);
    await writeOut(io.stdout, values.json ? `${JSON.stringify(outcome, null, 2)}\n` : `${outcome.tag}\n`);
    return 0;
  },
};

/** The key, opened with the password from the environment (as cosign reads COSIGN_PASSWORD) or the terminal. */
async function signingKey(file: string, io: CommandIo): Promise<SigningKey> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--key ${file}: ${(error as Error).message}`);
  }
  const name = basename(file);
  // Either may be set to the empty string: cosign allows keys without a password.
  const fromEnv = io.env.STEVEDORE_KEY_PASSWORD ?? io.env.COSIGN_PASSWORD;
  try {
    return await importSigningKey(text, name, fromEnv);
  } catch (error) {
    if (!(error instanceof TrustMaterialError) || error.code !== 'KEY_PASSWORD_REQUIRED') throw error;
    const stdin = process.stdin;
    if (!stdin.isTTY) {
      throw new TrustMaterialError(
        'KEY_PASSWORD_REQUIRED',
        `${name} is encrypted: set STEVEDORE_KEY_PASSWORD (or COSIGN_PASSWORD) to its password, or run on a terminal to be asked for it.`,
      );
    }
    const password = await readTerminalLine(stdin, io.stderr, `Enter password for private key ${name}: `, {
      echo: false,
    });
    return importSigningKey(text, name, password);
  }
}
