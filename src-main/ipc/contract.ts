/**
 * The one contract between the main process and every UI.
 *
 * Every procedure (name, input schema, result type), every event (main → renderer) and the
 * task model are declared here once. The Electron preload, the WebSocket server, the handlers
 * and the renderer's client are all derived from these declarations, so a change here is a
 * type error everywhere it matters.
 */
import { z } from 'zod';
import type { PullResult } from '../core/engine/pull.js';
import type { PushResult } from '../core/engine/push.js';
import type {
  EngineEndpoint,
  EngineStatus,
  HistoryEntry,
  ImageDetail,
  ImageEvent,
  ImageSummary,
  PruneResult,
  RemoveResult,
} from '../core/engine/types.js';
import type { ErrorShape } from '../core/errors.js';
import type { HubSearchPage } from '../core/hub/search.js';
import type {
  FilesystemSummary,
  FileView,
  ImageDiffView,
  LayersView,
  TreeEntry,
} from '../core/layers/views.js';
import type { CopiedImage } from '../core/registry/copy-destination.js';
import type {
  CatalogPage,
  DeletePlan,
  ImageInspection,
  RawManifest,
  RegistryCapabilities,
  RegistrySummary,
  TagDetails,
  TagList,
} from '../core/registry/types.js';
import type { TaskSnapshot } from '../core/tasks/types.js';
import type { PushPlan } from '../core/transfer/types.js';
import type {
  DctMigrationPlan,
  SignOutcome,
  TrustBadge,
  TrustReport,
  TrustSettingsView,
} from '../core/trust/types.js';

/** A procedure answers at once (well, soon): `call(name, input)` resolves with its result. */
export interface CallSpec<I extends z.ZodType, R> {
  kind: 'call';
  input: I;
  /** Phantom: carries the result type, never read at run time. */
  result: R;
}

/** A task is long work: `call(name, input)` resolves with its id; progress and the end arrive as `task.updated`. */
export interface TaskSpec<I extends z.ZodType, R> {
  kind: 'task';
  input: I;
  result: R;
  /** What the tasks drawer calls it, from the input. */
  title: (input: z.output<I>) => string;
}

const call =
  <R>() =>
  <I extends z.ZodType>(input: I): CallSpec<I, R> => ({ kind: 'call', input, result: undefined as R });

const task =
  <R>() =>
  <I extends z.ZodType>(input: I, title: (input: z.output<I>) => string): TaskSpec<I, R> => ({
    kind: 'task',
    input,
    result: undefined as R,
    title,
  });

const nothing = z.object({}).strict();
/** Image ids, short ids, `name:tag` or `name@digest`: the engine resolves them. */
const imageRef = z.string().trim().min(1, 'an image id or reference is required').max(512);
const engineId = z.string().min(1).max(200).optional();

/** A registry host as references write it (`docker.io`, `127.0.0.1:5000`, `[::1]:5000`); core validates it. */
const registryHost = z.string().trim().min(1, 'a registry host is required').max(300);
/** An image reference (`name[:tag][@digest]`); core parses it with the distribution grammar. */
const reference = z.string().trim().min(1, 'an image reference is required').max(1024);
const PEM_MAX = 64 * 1024;
/** A name the user gives a key or trust store: also a file name, so plain characters only. */
const trustName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use letters, digits, dot, dash or underscore (up to 64)');
const keyPassword = z.string().min(1).max(1024);
/** An image whose layers are read: a registry reference, or an image of an engine. */
const imageSelector = z
  .object({
    reference,
    source: z.enum(['remote', 'local']),
    engineId,
    platform: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
/** A path inside an image: relative, as listings write it (`usr/bin/env`); `` is the root. */
const imagePath = z.string().max(4096);

/** Result types the renderer names, re-exported so UIs import only the contract. */
export type {
  CopiedImage,
  DctMigrationPlan,
  DeletePlan,
  FilesystemSummary,
  FileView,
  HubSearchPage,
  ImageDiffView,
  LayersView,
  PullResult,
  PushPlan,
  PushResult,
  RawManifest,
  SignOutcome,
  TreeEntry,
  TrustBadge,
  TrustReport,
  TrustSettingsView,
};

export interface EngineListing {
  endpoints: EngineEndpoint[];
  activeId: string;
}

export interface AppInfo {
  version: string;
  /** Which transport this UI is talking through. */
  transport: 'electron' | 'websocket';
  platform: string;
}

export const procedures = {
  'app.info': call<AppInfo>()(nothing),

  'engines.list': call<EngineListing>()(nothing),
  'engines.status': call<EngineStatus>()(z.object({ engineId }).strict()),
  'engines.select': call<EngineStatus>()(z.object({ engineId: z.string().min(1).max(200) }).strict()),
  'engines.add': call<EngineEndpoint>()(
    z
      .object({
        name: z.string().trim().min(1, 'a name is required').max(100),
        url: z
          .string()
          .trim()
          .regex(/^(unix|npipe|tcp|ssh|http|https):\/\/.+/, 'use unix://, npipe://, tcp:// or ssh://'),
        tlsCertPath: z.string().trim().min(1).optional(),
        tlsVerify: z.boolean().optional(),
      })
      .strict(),
  ),
  'engines.remove': call<null>()(z.object({ engineId: z.string().min(1).max(200) }).strict()),

  'images.list': call<ImageSummary[]>()(z.object({ engineId }).strict()),
  'images.inspect': call<ImageDetail>()(z.object({ engineId, image: imageRef }).strict()),
  'images.history': call<HistoryEntry[]>()(z.object({ engineId, image: imageRef }).strict()),
  'images.tag': call<null>()(
    z
      .object({
        engineId,
        image: imageRef,
        /** `repository[:tag]`; the tag defaults to `latest` as in `docker tag`. */
        target: z.string().trim().min(1, 'a target reference is required').max(512),
      })
      .strict(),
  ),
  'images.remove': task<RemoveResult[]>()(
    z
      .object({
        engineId,
        images: z.array(imageRef).min(1, 'choose at least one image').max(10_000),
        force: z.boolean().default(false),
      })
      .strict(),
    (input) =>
      input.images.length === 1 ? `Remove ${input.images[0]}` : `Remove ${input.images.length} images`,
  ),
  'images.prune': task<PruneResult>()(z.object({ engineId }).strict(), () => 'Remove dangling images'),

  /**
   * What a push of `image` to `target` would do, checked before it starts: may the stored login
   * push there, does the tag exist with another image, which layers the registry has already.
   */
  'images.pushPlan': call<PushPlan>()(z.object({ engineId, image: imageRef, target: reference }).strict()),
  /** `docker push`: the image is tagged as `target` for the push and untagged after it. */
  'images.push': task<PushResult>()(
    z.object({ engineId, image: imageRef, target: reference }).strict(),
    (input) => `Push ${input.target}`,
  ),
  /** `docker pull` by tag (`latest` when none) or digest. */
  'images.pull': task<PullResult>()(
    z.object({ engineId, reference }).strict(),
    (input) => `Pull ${input.reference}`,
  ),

  'registries.list': call<RegistrySummary[]>()(nothing),
  'registries.add': call<RegistrySummary>()(
    z
      .object({
        host: registryHost,
        name: z.string().trim().min(1).max(100).optional(),
        insecure: z.boolean().default(false),
        caPem: z.string().max(PEM_MAX).optional(),
      })
      .strict(),
  ),
  'registries.update': call<RegistrySummary>()(
    z
      .object({
        host: registryHost,
        name: z.string().trim().min(1).max(100).optional(),
        insecure: z.boolean().optional(),
        /** null removes the CA. */
        caPem: z.string().max(PEM_MAX).nullable().optional(),
      })
      .strict(),
  ),
  'registries.remove': call<null>()(z.object({ host: registryHost }).strict()),
  /** Registry to registry, no engine; the destination tag defaults to the source's. */
  'registries.copy': task<CopiedImage>()(
    z
      .object({
        source: reference,
        target: reference,
        /** Every image of a multi-platform index and the index itself. */
        allPlatforms: z.boolean().optional(),
        /** `os/arch[/variant]` picked from an index (default linux/amd64, else its first image). */
        platform: z.string().trim().min(1).max(100).optional(),
      })
      .strict(),
    (input) => `Copy ${input.source} to ${input.target}`,
  ),
  'registries.probe': call<RegistryCapabilities>()(z.object({ host: registryHost }).strict()),
  /** Checks the credentials against the registry, then stores them; the secret never comes back. */
  'registries.login': call<RegistrySummary>()(
    z
      .object({
        host: registryHost,
        username: z.string().min(1, 'a user name is required').max(256),
        password: z.string().min(1, 'a password or token is required').max(8192),
      })
      .strict(),
  ),
  'registries.logout': call<RegistrySummary>()(z.object({ host: registryHost }).strict()),

  'catalog.page': call<CatalogPage>()(
    z
      .object({
        host: registryHost,
        cursor: z.string().max(4096).optional(),
        pageSize: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  'hub.search': call<HubSearchPage>()(
    z
      .object({
        query: z.string().trim().min(1, 'type something to search').max(256),
        page: z.number().int().min(1).max(1000).default(1),
      })
      .strict(),
  ),
  'tags.list': call<TagList>()(z.object({ repository: reference }).strict()),
  /** Digest, platforms, size and created of some tags: for the tag table and sorting by date. */
  'tags.details': call<TagDetails[]>()(
    z.object({ repository: reference, tags: z.array(z.string().min(1).max(128)).min(1).max(200) }).strict(),
  ),
  'manifests.inspect': call<ImageInspection>()(
    z
      .object({
        reference,
        /** `os/arch[/variant]` */
        platform: z.string().trim().max(100).optional(),
      })
      .strict(),
  ),
  'manifests.raw': call<RawManifest>()(z.object({ reference }).strict()),
  'manifests.deletePlan': call<DeletePlan>()(z.object({ reference }).strict()),
  'manifests.delete': call<DeletePlan>()(z.object({ reference }).strict()),

  /** An image's layers (digest, diff id, media type, sizes, the command that made each) and history. */
  'layers.inspect': call<LayersView>()(imageSelector),
  /** Lists every layer (streamed, cached by digest) and merges them; the tree calls below need it first. */
  'layers.scan': task<FilesystemSummary>()(imageSelector, (input) => `Scan the layers of ${input.reference}`),
  /** One directory of the merged tree; with `layer`, as that layer left it, marked with what it changed. */
  'layers.dir': call<TreeEntry[]>()(
    z
      .object({
        image: imageSelector,
        path: imagePath,
        layer: z.number().int().min(0).max(10_000).optional(),
        onlyChanges: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Paths matching a glob (`**\/*.so`) or a substring, across the tree; at most `limit`. */
  'layers.find': call<{ entries: TreeEntry[]; truncated: boolean }>()(
    z
      .object({
        image: imageSelector,
        pattern: z.string().trim().min(1).max(1024),
        layer: z.number().int().min(0).max(10_000).optional(),
        limit: z.number().int().min(1).max(10_000).default(1000),
      })
      .strict(),
  ),
  /** A file's first bytes (1 MiB unless less is asked), as text or a hex dump. */
  'layers.file': call<FileView>()(
    z
      .object({
        image: imageSelector,
        path: imagePath,
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(4 * 1024 * 1024)
          .optional(),
      })
      .strict(),
  ),
  /** Writes a file of the image to `destination` (an absolute path on this machine), verified, never half-written. */
  'layers.saveFile': task<{ destination: string; size: number }>()(
    z
      .object({ image: imageSelector, path: imagePath, destination: z.string().trim().min(1).max(4096) })
      .strict(),
    (input) => `Save ${input.path}`,
  ),
  /** Files added, removed and changed from image `a` to image `b`, and size change per directory. */
  'layers.diff': task<ImageDiffView>()(
    z.object({ a: imageSelector, b: imageSelector }).strict(),
    (input) => `Compare ${input.a.reference} with ${input.b.reference}`,
  ),

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

  'tasks.list': call<TaskSnapshot[]>()(nothing),
  'tasks.cancel': call<null>()(z.object({ taskId: z.string().min(1).max(100) }).strict()),
} as const;

export const events = {
  /** An image was pulled, tagged, untagged, deleted, ... on the engine; lists should refresh. */
  'images.changed': undefined as unknown as { engineId: string; event: ImageEvent },
  /** The active engine came, went or changed. */
  'engine.status': undefined as unknown as EngineStatus,
  /** A task started, progressed or ended. */
  'task.updated': undefined as unknown as TaskSnapshot,
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type CallName = {
  [N in ProcedureName]: Procedures[N]['kind'] extends 'call' ? N : never;
}[ProcedureName];
export type TaskName = {
  [N in ProcedureName]: Procedures[N]['kind'] extends 'task' ? N : never;
}[ProcedureName];
/** What a caller passes (defaults still optional). */
export type InputOf<N extends ProcedureName> = z.input<Procedures[N]['input']>;
/** What a handler receives, after the schema applied its defaults. */
export type ParsedInputOf<N extends ProcedureName> = z.output<Procedures[N]['input']>;
/** A call's result; for a task, the result of the finished task. */
export type ResultOf<N extends ProcedureName> = Procedures[N]['result'];
/** What `call` resolves with: the result for calls, the new task's id for tasks. */
export type ReplyOf<N extends ProcedureName> = N extends TaskName ? TaskStarted : ResultOf<N>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E];

export interface TaskStarted {
  taskId: string;
}

/** What crosses a transport for every call: never a thrown error, whose message Electron would mangle. */
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorShape };

export const procedureNames = Object.keys(procedures) as ProcedureName[];
export const eventNames = Object.keys(events) as EventName[];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.hasOwn(procedures, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
