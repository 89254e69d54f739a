import { StevedoreError } from '../errors.js';
import { type ImageRef, parseReference, refName, withDefaultTag } from '../reference/index.js';
import { mapConcurrent } from '../registry/concurrency.js';
import type { RegistrySession } from '../registry/session.js';
import type { AppSettings } from '../settings/schema.js';
import type { SettingsStore } from '../settings/store.js';
import { BadgeCache, badgeOf } from './badge-cache.js';
import { evaluateTrust, type TrustContext } from './evaluate.js';
import type { KeyStore } from './keys/key-store.js';
import { dctMigrationPlan } from './migration.js';
import { NotaryClient } from './notary/client.js';
import type { DctResult } from './notary/model.js';
import type { DctPinStore } from './notary/pin-store.js';
import type { NotaryServerSetting } from './notary/server.js';
import { signReference } from './sign-reference.js';
import { trustMaterial } from './trust-material.js';
import { TrustSettingsEditor, trustSettingsView } from './trust-settings.js';
import type { DctMigrationPlan, SignOutcome, TrustBadge, TrustReport, TrustSettingsView } from './types.js';

/** References evaluated at once for badges: a tag list asks for a page of them. */
const BADGE_CONCURRENCY = 4;

export interface TrustSessionOptions {
  env: NodeJS.ProcessEnv;
  settings: SettingsStore<AppSettings>;
  registries: Pick<RegistrySession, 'client' | 'credential'>;
  /** The user's signing keys (`<config dir>/signing-keys`). */
  keys: KeyStore;
  /** DCT roots trusted on first use (`<config dir>/trust-pins`). */
  pins: DctPinStore;
  now?: () => Date;
}

/**
 * Trust for the app: reports and badges over the registry session, the trust settings, the
 * signing keys and the pinned DCT roots; one notary client, rebuilt when the notary servers in
 * the settings change. Badges are remembered (see BadgeCache) under a version that changes with
 * the trust settings, the signing keys and the pins.
 */
export class TrustSession {
  readonly editor: TrustSettingsEditor;
  readonly keys: KeyStore;
  private readonly badgeCache = new BadgeCache();
  private notary: { key: string; client: NotaryClient } | undefined;
  /** Bumped when a pin is removed: a root trusted again may change every DCT verdict. */
  private pinsGeneration = 0;

  constructor(private readonly opts: TrustSessionOptions) {
    this.editor = new TrustSettingsEditor(opts.settings);
    this.keys = opts.keys;
  }

  async inspect(reference: string, platform?: string): Promise<TrustReport> {
    const ctx = await this.context();
    const report = await evaluateTrust(reference, ctx, platform ? { platform } : {});
    this.badgeCache.put(withDefaultTag(parseReference(reference)), this.version(ctx), badgeOf(report));
    return report;
  }

  /** One badge per reference, in order; a reference that cannot be evaluated is an `error` badge. */
  async badges(references: readonly string[]): Promise<TrustBadge[]> {
    const ctx = await this.context(new Map());
    const version = this.version(ctx);
    return mapConcurrent(references, BADGE_CONCURRENCY, async (reference): Promise<TrustBadge> => {
      let ref: ImageRef;
      try {
        ref = withDefaultTag(parseReference(reference));
      } catch {
        return { reference, digest: null, status: 'error', kinds: [] };
      }
      const known = this.badgeCache.get(ref, version);
      if (known) return { reference, ...known };
      try {
        const verdict = badgeOf(await evaluateTrust(reference, ctx, { skipPlatforms: true }));
        this.badgeCache.put(ref, version, verdict);
        return { reference, ...verdict };
      } catch {
        // Failing servers are already `error` reports; this is anything else, for this badge alone.
        return { reference, digest: ref.digest, status: 'error', kinds: [] };
      }
    });
  }

  /**
   * Signs with one of the user's keys (unlocked first: a wrong password fails before anything is
   * written), then evaluates the digest again, so its badge shows the new signature at once.
   */
  async sign(
    input: { reference: string; key: string; password?: string },
    opts: { signal?: AbortSignal; step?: (message: string, done: number, total: number) => void } = {},
  ): Promise<SignOutcome> {
    const step = opts.step ?? (() => {});
    step(`Unlocking the key ${input.key}`, 0, 3);
    const key = await this.keys.unlock(input.key, input.password);
    const ref = withDefaultTag(parseReference(input.reference));
    step(`Signing ${refName(ref)}`, 1, 3);
    const outcome = await signReference(
      this.opts.registries.client(ref.domain),
      input.reference,
      key,
      opts.signal,
    );
    step('Checking the signature', 2, 3);
    this.badgeCache.forget(ref, outcome.digest);
    // The signature is written either way: a registry that fails this second look only delays the badge.
    await this.inspect(`${refName(ref)}@${outcome.digest}`).catch(() => undefined);
    step(outcome.added ? `Signed ${outcome.digest}` : `${input.key} had signed it already`, 3, 3);
    return outcome;
  }

  async dctMigration(repository: string): Promise<DctMigrationPlan> {
    return dctMigrationPlan(repository, await this.context());
  }

  async view(): Promise<TrustSettingsView> {
    return trustSettingsView({
      trust: this.editor.current(),
      env: this.opts.env,
      signingKeys: await this.keys.list(),
      pins: await this.opts.pins.list(),
    });
  }

  /** Forgets a repository's pinned root: its next lookup trusts the root it finds, as on first use. */
  async removePin(gun: string): Promise<void> {
    if (!(await this.opts.pins.remove(gun))) {
      throw new StevedoreError('NOT_FOUND', `No root is pinned for ${gun}.`, { gun });
    }
    this.pinsGeneration += 1;
  }

  async close(): Promise<void> {
    const notary = this.notary;
    this.notary = undefined;
    await notary?.client.close();
  }

  /** What evaluations verify against now; `shared` lets a batch look each repository's DCT data up once. */
  private async context(shared?: Map<string, Promise<DctResult>>): Promise<TrustContext> {
    const material = trustMaterial(this.editor.current(), await this.keys.list());
    return {
      client: (host) => this.opts.registries.client(host),
      material,
      dct: { notary: this.notaryClient(material.notaryServers), ...(shared ? { shared } : {}) },
      ...(this.opts.now ? { now: this.opts.now } : {}),
    };
  }

  private version(ctx: TrustContext): string {
    return `${ctx.material.version}.${this.pinsGeneration}`;
  }

  private notaryClient(servers: NotaryServerSetting[]): NotaryClient {
    const key = JSON.stringify(servers);
    if (this.notary?.key === key) return this.notary.client;
    void this.notary?.client.close();
    const client = new NotaryClient({
      env: this.opts.env,
      pins: this.opts.pins,
      settings: servers,
      credentials: (host) => this.opts.registries.credential(host),
      ...(this.opts.now ? { now: this.opts.now } : {}),
    });
    this.notary = { key, client };
    return client;
  }
}
