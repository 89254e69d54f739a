import { z } from 'zod';
import { NotaryError } from './errors.js';

/**
 * The TUF metadata notary serves (github.com/theupdateframework/notary/tuf/data), as far as we read
 * it. Unknown fields are kept: signatures cover the whole `signed` object.
 */

const keySchema = z.looseObject({
  keytype: z.string(),
  keyval: z.looseObject({ public: z.string(), private: z.string().nullish() }),
});
export type TufKey = z.infer<typeof keySchema>;

const signatureSchema = z.looseObject({ keyid: z.string(), method: z.string(), sig: z.string() });
export type TufSignature = z.infer<typeof signatureSchema>;

const roleKeysSchema = z.looseObject({
  keyids: z.array(z.string()),
  threshold: z.number().int(),
});
export type RoleKeys = z.infer<typeof roleKeysSchema>;

const fileMetaSchema = z.looseObject({
  hashes: z.record(z.string(), z.string()),
  length: z.number().int().nonnegative(),
});
export type FileMeta = z.infer<typeof fileMetaSchema>;

const common = { version: z.number().int().positive(), expires: z.string() };

const rootSchema = z.looseObject({
  _type: z.literal('Root'),
  ...common,
  keys: z.record(z.string(), keySchema),
  roles: z.record(z.string(), roleKeysSchema),
});
export type RootSigned = z.infer<typeof rootSchema>;

const timestampSchema = z.looseObject({
  _type: z.literal('Timestamp'),
  ...common,
  meta: z.looseObject({ snapshot: fileMetaSchema }),
});
export type TimestampSigned = z.infer<typeof timestampSchema>;

const snapshotSchema = z.looseObject({
  _type: z.literal('Snapshot'),
  ...common,
  meta: z.record(z.string(), fileMetaSchema),
});
export type SnapshotSigned = z.infer<typeof snapshotSchema>;

const delegationSchema = z.looseObject({
  name: z.string(),
  keyids: z.array(z.string()),
  threshold: z.number().int(),
  paths: z.array(z.string()).nullish(),
});
export type DelegationRoleData = z.infer<typeof delegationSchema>;

const targetsSchema = z.looseObject({
  _type: z.literal('Targets'),
  ...common,
  targets: z.record(z.string(), fileMetaSchema).nullish(),
  delegations: z
    .looseObject({
      keys: z.record(z.string(), keySchema).nullish(),
      roles: z.array(delegationSchema).nullish(),
    })
    .nullish(),
});
export type TargetsSigned = z.infer<typeof targetsSchema>;

const SCHEMAS = {
  root: rootSchema,
  timestamp: timestampSchema,
  snapshot: snapshotSchema,
  targets: targetsSchema,
} as const;

export type MetadataKind = keyof typeof SCHEMAS;
type SignedOf<K extends MetadataKind> = z.infer<(typeof SCHEMAS)[K]>;

/** One role's metadata as served: the bytes (hashes cover them), the parsed envelope, the typed view. */
export interface Metadata<K extends MetadataKind> {
  /** `root`, `targets/releases`… */
  role: string;
  bytes: Buffer;
  /** `signed` exactly as parsed: what the signatures cover, unknown fields included. */
  rawSigned: unknown;
  signed: SignedOf<K>;
  signatures: TufSignature[];
  /** `expires` as a date. */
  expires: Date;
}

const envelopeSchema = z.looseObject({ signed: z.unknown(), signatures: z.array(signatureSchema).nullish() });

/** Parses one role's metadata; DCT_METADATA_INVALID, naming the role and the field, if it does not fit. */
export function parseMetadata<K extends MetadataKind>(
  kind: K,
  role: string,
  bytes: Buffer,
  gun: string,
): Metadata<K> {
  const invalid = (problem: string, cause?: unknown) =>
    new NotaryError(
      'DCT_METADATA_INVALID',
      `The trust data of ${gun} is damaged: the ${role} metadata ${problem}.`,
      { gun, role },
      { cause },
    );
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw invalid('is not JSON', error);
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw invalid('is not a signed TUF document');
  const signed = SCHEMAS[kind].safeParse(envelope.data.signed);
  if (!signed.success)
    throw invalid(`does not have the fields of ${kind} metadata (${firstIssue(signed.error)})`);
  const expires = new Date(signed.data.expires);
  if (Number.isNaN(expires.getTime()))
    throw invalid(`has an expiry date that is not a date ("${clip(signed.data.expires)}")`);
  return {
    role,
    bytes,
    rawSigned: envelope.data.signed,
    signed: signed.data as SignedOf<K>,
    signatures: envelope.data.signatures ?? [],
    expires,
  };
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unknown problem';
  const path = issue.path.length ? issue.path.join('.') : 'signed';
  return `${path}: ${issue.message}`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
