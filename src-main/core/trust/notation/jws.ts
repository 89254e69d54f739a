import type { KeyObject } from 'node:crypto';
import { flattenedVerify } from 'jose';
import { z } from 'zod';
import {
  AUTHENTIC_SIGNING_TIME,
  EXPIRY,
  type NotationEnvelope,
  SIGNING_AGENT,
  SIGNING_SCHEME,
  SIGNING_TIME,
  UNDERSTOOD_CRITICAL,
} from './envelope.js';

const jwsSchema = z.object({
  payload: z.string(),
  protected: z.string(),
  header: z.object({ x5c: z.array(z.string()).min(1) }).catchall(z.unknown()),
  signature: z.string(),
});

const protectedSchema = z
  .object({
    alg: z.string(),
    cty: z.string().optional(),
    crit: z.array(z.string()).default([]),
    [SIGNING_SCHEME]: z.string().optional(),
    [SIGNING_TIME]: z.string().optional(),
    [AUTHENTIC_SIGNING_TIME]: z.string().optional(),
    [EXPIRY]: z.string().optional(),
  })
  .catchall(z.unknown());

/**
 * A Notation JWS envelope (`application/jose+json`): JWS JSON serialization, flattened, with the
 * certificate chain in the unprotected `x5c`. The signature is checked by jose.
 */
export function parseJws(bytes: Buffer): NotationEnvelope {
  const jws = jwsSchema.parse(JSON.parse(bytes.toString('utf8')));
  const header = protectedSchema.parse(JSON.parse(Buffer.from(jws.protected, 'base64url').toString('utf8')));
  const agent = jws.header[SIGNING_AGENT];
  return {
    format: 'jws',
    algorithm: header.alg,
    contentType: header.cty ?? null,
    signingScheme: header[SIGNING_SCHEME] ?? null,
    signingTime: time(header[SIGNING_TIME]),
    authenticSigningTime: time(header[AUTHENTIC_SIGNING_TIME]),
    expiry: time(header[EXPIRY]),
    critical: header.crit,
    signingAgent: typeof agent === 'string' ? agent : null,
    payload: Buffer.from(jws.payload, 'base64url'),
    certificates: jws.header.x5c.map((cert) => Buffer.from(cert, 'base64')),
    verify: (key: KeyObject) => verifyJws(jws, header.alg, key),
  };
}

async function verifyJws(jws: z.output<typeof jwsSchema>, alg: string, key: KeyObject): Promise<boolean> {
  try {
    await flattenedVerify({ payload: jws.payload, protected: jws.protected, signature: jws.signature }, key, {
      algorithms: [alg],
      crit: Object.fromEntries(UNDERSTOOD_CRITICAL.map((name) => [name, true])),
    });
    return true;
  } catch {
    return false;
  }
}

function time(text: string | undefined): Date | null {
  if (text === undefined) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new Error(`"${text.slice(0, 40)}" is not a time`);
  return date;
}
