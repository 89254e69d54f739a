import { join } from 'node:path';
import { z } from 'zod';

/** An engine the user added by URL (EngineEndpoint with source `user`). */
const userEngineSchema = z.object({
  id: z.string().regex(/^user:.+/),
  name: z.string().min(1).max(100),
  url: z.string().min(1),
  source: z.literal('user'),
  tlsCertPath: z.string().min(1).optional(),
  tlsVerify: z.boolean().optional(),
});

/** A registry the user added (RegistryEntry without the preset flag: presets are not stored). */
const userRegistrySchema = z.object({
  host: z.string().min(1).max(300),
  name: z.string().min(1).max(100),
  insecure: z.boolean().default(false),
  caPem: z
    .string()
    .max(64 * 1024)
    .optional(),
});

const PEM_MAX = 64 * 1024;
const trustName = z.string().min(1).max(64);

/**
 * What the user trusts (Settings → Trust): cosign public keys, Notation trust stores (CA
 * certificates), a Sigstore trusted root for keyless cosign, and notary servers per registry
 * (DCT). Stored as the user gave them (PEM, JSON) and parsed when used. Signing keys and pinned
 * DCT roots live in folders of their own (core/trust), not here.
 */
const trustSettingsSchema = z.object({
  publicKeys: z.array(z.object({ name: trustName, pem: z.string().min(1).max(PEM_MAX) })).default([]),
  trustStores: z.array(z.object({ name: trustName, pem: z.string().min(1).max(PEM_MAX) })).default([]),
  sigstoreRoot: z
    .object({
      name: trustName,
      json: z
        .string()
        .min(1)
        .max(1024 * 1024),
    })
    .optional(),
  notaryServers: z
    .array(
      z.object({
        registry: z.string().min(1).max(300),
        url: z.string().min(1).max(300),
        caPem: z.string().max(PEM_MAX).optional(),
      }),
    )
    .default([]),
});

export type TrustSettings = z.output<typeof trustSettingsSchema>;

const windowSchema = z.object({
  // Negative on a monitor left of or above the primary one.
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

/** settings.json. `version` changes only with an incompatible layout. */
export const appSettingsSchema = z.object({
  version: z.literal(1),
  engines: z.array(userEngineSchema).default([]),
  /** The engine the user chose last; when it is gone, the docker CLI's choice wins. */
  activeEngineId: z.string().min(1).optional(),
  registries: z.array(userRegistrySchema).default([]),
  theme: z.enum(['auto', 'light', 'dark']).default('auto'),
  window: windowSchema.optional(),
  /** Absent in files written before trust existed: they load with nothing trusted. */
  trust: trustSettingsSchema.default({ publicKeys: [], trustStores: [], notaryServers: [] }),
});

export type AppSettings = z.output<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = {
  version: 1,
  engines: [],
  registries: [],
  theme: 'auto',
  trust: { publicKeys: [], trustStores: [], notaryServers: [] },
};

export function appSettingsFile(configDir: string): string {
  return join(configDir, 'settings.json');
}
