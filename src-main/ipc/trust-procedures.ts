/** The trust group of the contract (issue 6): signatures, their verification, keys and signing. */
import { z } from 'zod';
import type {
  DctMigrationPlan,
  SignOutcome,
  TrustBadge,
  TrustReport,
  TrustSettingsView,
} from '../core/trust/types.js';
import { call, nothing, PEM_MAX, reference, registryHost, task } from './contract-kit.js';

/** A name the user gives a key or trust store: also a file name, so plain characters only. */
const trustName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, dot, dash or underscore (up to 64)');
const keyPassword = z.string().min(1).max(1024);

export const trustProcedures = {
  /** Every signature of a tag or digest (DCT, cosign, Notation), verified against the trust settings. */
  'trust.inspect': call<TrustReport>()(
    z
      .object({
        reference,
        /** `os/arch[/variant]`: also report that platform's manifest of an index. */
        platform: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
  ),
  /** Statuses for badges (tag lists, pushed local images); evaluated once per digest and remembered. */
  'trust.badges': call<TrustBadge[]>()(z.object({ references: z.array(reference).min(1).max(100) }).strict()),
  'trust.settings': call<TrustSettingsView>()(nothing),
  'trust.publicKeys.add': call<TrustSettingsView>()(
    z.object({ name: trustName, pem: z.string().min(1).max(PEM_MAX) }).strict(),
  ),
  'trust.publicKeys.remove': call<TrustSettingsView>()(z.object({ name: trustName }).strict()),
  'trust.trustStores.add': call<TrustSettingsView>()(
    z.object({ name: trustName, pem: z.string().min(1).max(PEM_MAX) }).strict(),
  ),
  'trust.trustStores.remove': call<TrustSettingsView>()(z.object({ name: trustName }).strict()),
  /** A Sigstore `trusted_root.json`, for keyless cosign; null removes it. */
  'trust.sigstoreRoot.set': call<TrustSettingsView>()(
    z
      .object({
        root: z
          .object({
            name: trustName,
            json: z
              .string()
              .min(1)
              .max(1024 * 1024),
          })
          .nullable(),
      })
      .strict(),
  ),
  'trust.notaryServers.set': call<TrustSettingsView>()(
    z
      .object({
        registry: registryHost,
        url: z
          .string()
          .trim()
          .regex(/^https:\/\/[^/]+\/?$/, 'use https://host[:port]'),
        caPem: z.string().max(PEM_MAX).optional(),
      })
      .strict(),
  ),
  'trust.notaryServers.remove': call<TrustSettingsView>()(z.object({ registry: registryHost }).strict()),
  /** Forgets a repository's pinned root: the next look trusts the root it finds, on first use. */
  'trust.pins.remove': call<TrustSettingsView>()(
    z.object({ gun: z.string().trim().min(1).max(512) }).strict(),
  ),
  'trust.signingKeys.generate': call<TrustSettingsView>()(
    z.object({ name: trustName, password: keyPassword.optional() }).strict(),
  ),
  'trust.signingKeys.import': call<TrustSettingsView>()(
    z
      .object({
        name: trustName,
        pem: z.string().min(1).max(PEM_MAX),
        /** The password of an encrypted key file (cosign.key). */
        filePassword: keyPassword.optional(),
        /** Seals the key at rest where no OS keychain is available (browser mode). */
        password: keyPassword.optional(),
      })
      .strict(),
  ),
  'trust.signingKeys.remove': call<TrustSettingsView>()(z.object({ name: trustName }).strict()),
  /** A signing key's public half as `cosign.pub` (PKIX PEM), to hand to whoever verifies. */
  'trust.signingKeys.publicPem': call<string>()(z.object({ name: trustName }).strict()),
  /** Writes a cosign-compatible `.sig` signature for the tag's (or digest's) manifest. */
  'trust.sign': task<SignOutcome>()(
    z.object({ reference, key: trustName, password: keyPassword.optional() }).strict(),
    (input) => `Sign ${input.reference}`,
  ),
  /** Tags of a repository signed with DCT, and which of them have no other signature yet. */
  'trust.dctMigration': call<DctMigrationPlan>()(z.object({ repository: reference }).strict()),
} as const;
