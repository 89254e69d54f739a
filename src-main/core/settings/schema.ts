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
});

export type AppSettings = z.output<typeof appSettingsSchema>;

export const defaultAppSettings: AppSettings = { version: 1, engines: [], registries: [], theme: 'auto' };

export function appSettingsFile(configDir: string): string {
  return join(configDir, 'settings.json');
}
