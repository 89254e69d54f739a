import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseReference, refName } from '../../core/reference/index.js';
import { openAppSettings } from '../../core/settings/open.js';
import { appConfigDir } from '../../core/settings/store.js';
import { evaluateTrust } from '../../core/trust/evaluate.js';
import { KeyStore } from '../../core/trust/keys/key-store.js';
import { parsePublicKey, type TrustedKey } from '../../core/trust/keys/public-key.js';
import { NotaryClient } from '../../core/trust/notary/client.js';
import { FileDctPinStore } from '../../core/trust/notary/pin-store.js';
import { naturalCompare } from '../../core/trust/notary/summary.js';
import { type NotationTrustStore, readTrustStoreDir } from '../../core/trust/notation/trust-store.js';
import { type TrustMaterial, trustMaterial } from '../../core/trust/trust-material.js';
import type { DctInspect, TrustReport } from '../../core/trust/types.js';
import type { Command, CommandIo } from '../command.js';
import { table } from '../format.js';
import { withCancelOnInterrupt } from '../interrupt.js';
import { writeOut } from '../output.js';
import { withRegistrySession } from '../registry-session.js';
import { UsageError } from '../usage-error.js';

export const trustCommand: Command = {
  usage: [
    'Usage: stevedore trust <reference> [--key PEM]... [--trust-store DIR] [--notary URL] [--notary-ca PEM]',
    '                       [--require verified] [--json]',
    '',
    'Shows what signs an image in a registry (a tag, or a digest; latest when neither is given) and',
    'whether it verifies: cosign signatures (classic .sig tags and v3 bundles), Notation signatures',
    "(JWS, COSE) and Docker Content Trust (the repository's notary server). For an index, the",
    'signatures of the index itself, as `cosign verify` checks a tag.',
    'Status: verified (a signature verifies with a key or CA you trust; DCT: a root trusted on first',
    'use, as docker does), signed (signatures nothing you trust can check), unsigned, invalid (a',
    "signature fails, or signs another digest than the registry's), error (a server failed: why",
    'goes to stderr). Keys, trust stores and notary servers come from Settings → Trust, plus:',
    'Options:',
    '  --key PEM          a cosign public key file (cosign.pub) to verify with; repeat for more',
    '  --trust-store DIR  a folder of CA certificates (.pem/.crt/.cer) anchoring Notation signatures',
    "  --notary URL       the notary server (https://host[:port]) for the repository's DCT data",
    '  --notary-ca PEM    the CA certificate of that notary server',
    '  --require verified exit 1 unless the status is verified (else the exit code is 0 whatever it is)',
    '  --json             print {"reference","digest","status","signatures":[{"kind","verified","signer",',
    '                     "keyId","reason"}],"dct"}: dct is null without verified DCT data, else',
    '                     {"signedTags":[{"tag","digest","signers"}],"signers":[{"name","keys"}],',
    '                     "rootKeyIds","repositoryKeyIds"} as `docker trust inspect` shows them',
  ].join('\n'),
  options: {
    key: { type: 'string', multiple: true },
    'trust-store': { type: 'string' },
    notary: { type: 'string' },
    'notary-ca': { type: 'string' },
    require: { type: 'string' },
    json: { type: 'boolean' },
  },
  operands: { min: 1, max: 1 },
  async run(values, io, [input = '']) {
    if (values.require !== undefined && values.require !== 'verified') {
      throw new UsageError(`--require takes "verified", not "${values.require}"`);
    }
    parseReference(input);
    const material = await cliMaterial(io, values);
    const caFile = values['notary-ca'] as string | undefined;
    const override = {
      ...(values.notary ? { url: values.notary as string } : {}),
      ...(caFile ? { caPem: await readOption('--notary-ca', caFile) } : {}),
    };
    const configDir = appConfigDir(io.env);
    const report = await withRegistrySession(io, async (registries) => {
      const notary = new NotaryClient({
        env: io.env,
        pins: new FileDctPinStore(join(configDir, 'trust-pins')),
        settings: material.notaryServers,
        credentials: (host) => registries.credential(host),
      });
      try {
        return await withCancelOnInterrupt((signal) =>
          evaluateTrust(
            input,
            { client: (host) => registries.client(host), material, dct: { notary, override }, signal },
            { skipPlatforms: true },
          ),
        );
      } finally {
        await notary.close();
      }
    });
    if (report.error) io.stderr.write(`stevedore: ${report.error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    await writeOut(
      io.stdout,
      values.json ? `${JSON.stringify(reportJson(report), null, 2)}\n` : reportText(report),
    );
    return values.require === 'verified' && report.status !== 'verified' ? 1 : 0;
  },
};

/** Settings → Trust (and the user's signing keys), plus the keys and trust store given for this run. */
async function cliMaterial(io: CommandIo, values: Record<string, unknown>): Promise<TrustMaterial> {
  const settings = await openAppSettings(io.env);
  const signingKeys = await new KeyStore({ dir: join(appConfigDir(io.env), 'signing-keys') })
    .list()
    .catch(() => []);
  const base = trustMaterial(settings.get().trust, signingKeys);
  const keys: TrustedKey[] = [];
  for (const file of (values.key as string[] | undefined) ?? []) {
    const text = await readOption('--key', file);
    keys.push(asUsage('--key', file, () => parsePublicKey(text, basename(file))));
  }
  const dir = values['trust-store'] as string | undefined;
  const stores: NotationTrustStore[] = dir
    ? [await asUsageAsync('--trust-store', dir, () => readTrustStoreDir(dir))]
    : [];
  return { ...base, keys: [...base.keys, ...keys], trustStores: [...base.trustStores, ...stores] };
}

async function readOption(option: string, file: string): Promise<string> {
  return asUsageAsync(option, file, () => readFile(file, 'utf8'));
}

/** A file given on the command line that does not read is the command line's fault: exit 2. */
function asUsage<T>(option: string, file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(`${option} ${file}: ${(error as Error).message}`);
  }
}

async function asUsageAsync<T>(option: string, file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new UsageError(`${option} ${file}: ${(error as Error).message}`);
  }
}

/** The stable --json shape: exactly these keys, whatever TrustReport grows. */
function reportJson(report: TrustReport) {
  return {
    reference: report.reference,
    digest: report.digest || null,
    status: report.status,
    signatures: report.signatures.map(({ kind, verified, signer, keyId, reason }) => ({
      kind,
      verified,
      signer,
      keyId,
      reason,
    })),
    dct: report.dct && dctJson(report.dct),
  };
}

function dctJson(dct: DctInspect): DctInspect {
  return {
    signedTags: dct.signedTags.map(({ tag, digest, signers }) => ({ tag, digest, signers })),
    signers: dct.signers.map(({ name, keys }) => ({ name, keys })),
    rootKeyIds: dct.rootKeyIds,
    repositoryKeyIds: dct.repositoryKeyIds,
  };
}

function reportText(report: TrustReport): string {
  const field = (label: string, value: string) => `${`${label}:`.padEnd(11)}${value}\n`;
  let text = field('Reference', report.reference) + field('Digest', report.digest || '-');
  text += field('Status', report.status);
  if (report.error) text += field('Error', report.error.message);
  for (const notice of report.notices) text += field('Notice', notice.message);
  if (report.signatures.length === 0) text += '\nNo signatures.\n';
  else {
    const rows = report.signatures.map((s) => [
      s.kind,
      s.verified ? 'verified' : s.invalid ? 'INVALID' : 'unverified',
      s.signer ?? '-',
      s.keyId ? s.keyId.slice(0, 12) : '-',
      s.reason ?? '',
    ]);
    text += `\n${table(['KIND', 'STATE', 'SIGNER', 'KEY ID', 'WHY'], rows)}`;
  }
  if (report.dct) text += dctText(refName(parseReference(report.reference)), report.dct);
  return text;
}

/**
 * The DCT block as `docker trust inspect --pretty <repository>` prints it (docker/cli
 * inspect_pretty.go): a tag signed by the repository key alone is "(Repo Admin)", signers in
 * natural order with key ids cut to 12, the repository key before the root key.
 */
function dctText(repository: string, dct: DctInspect): string {
  let text = '';
  if (dct.signedTags.length === 0) text += `\nNo signatures for ${repository}\n\n`;
  else {
    const tags = dct.signedTags.map((row) => [
      row.tag,
      row.digest.replace(/^sha256:/, ''),
      row.signers.length === 1 && row.signers[0] === 'Repo Admin' ? '(Repo Admin)' : row.signers.join(', '),
    ]);
    text += `\nSignatures for ${repository}\n\n${table(['SIGNED TAG', 'DIGEST', 'SIGNERS'], tags)}`;
  }
  if (dct.signers.length > 0) {
    const signers = [...dct.signers]
      .sort((a, b) => naturalCompare(a.name, b.name))
      .map((signer) => [signer.name, signer.keys.map((key) => key.slice(0, 12)).join(', ')]);
    text += `\nList of signers and their keys for ${repository}\n\n${table(['SIGNER', 'KEYS'], signers)}`;
  }
  text += `\nAdministrative keys for ${repository}\n\n`;
  text += `  Repository Key:\t${dct.repositoryKeyIds.join(', ')}\n`;
  text += `  Root Key:\t${dct.rootKeyIds.join(', ')}\n`;
  return text;
}
