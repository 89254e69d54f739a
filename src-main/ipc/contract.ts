/**
 * The one contract between the main process and every UI.
 *
 * Every procedure (name, input schema, result type), every event (main → renderer) and the
 * task model are declared here once (the layers and trust groups in layers-procedures.ts and
 * trust-procedures.ts, spread in below). The Electron preload, the WebSocket server, the handlers
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

import { call, engineId, imageRef, nothing, PEM_MAX, reference, registryHost, task } from './contract-kit.js';
import { layersProcedures } from './layers-procedures.js';
import { trustProcedures } from './trust-procedures.js';

export type { CallSpec, TaskSpec } from './contract-kit.js';

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

  ...layersProcedures,
  ...trustProcedures,

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
