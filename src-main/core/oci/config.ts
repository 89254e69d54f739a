import { OciError } from './errors.js';
import { isObject, type JsonObject } from './json-fields.js';

/** One step of the build that made the image (`docker history`), oldest first. */
export interface HistoryStep {
  created?: string;
  createdBy?: string;
  comment?: string;
  /** The step changed only metadata (ENV, CMD, …): no layer belongs to it. */
  emptyLayer: boolean;
}

/** What the image config says about running the image, with absent fields as empty values. */
export interface ImageConfig {
  created?: string;
  architecture?: string;
  os?: string;
  variant?: string;
  env: string[];
  labels: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
  workingDir?: string;
  user?: string;
  /** `80/tcp`, `53/udp`, sorted. */
  exposedPorts: string[];
  history: HistoryStep[];
  /** `rootfs.diff_ids`: the `sha256:` of each layer uncompressed, base first (the engine's layer names). */
  diffIds: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an image config blob (OCI or Docker; the same JSON). Only a document that is not a JSON
 * object is refused (CONFIG_INVALID); a field of the wrong type is dropped, since configs are
 * verified by digest and a stray field must not hide the rest.
 */
export function parseImageConfig(bytes: Uint8Array): ImageConfig {
  let document: unknown;
  try {
    document = JSON.parse(utf8.decode(bytes));
  } catch (error) {
    throw new OciError('CONFIG_INVALID', `image config is not UTF-8 JSON (${(error as Error).message})`);
  }
  if (!isObject(document)) throw new OciError('CONFIG_INVALID', 'image config is not a JSON object');
  const run = isObject(document.config) ? document.config : {};
  return {
    ...optionalText(document, 'created', 'created'),
    ...optionalText(document, 'architecture', 'architecture'),
    ...optionalText(document, 'os', 'os'),
    ...optionalText(document, 'variant', 'variant'),
    env: strings(run.Env),
    labels: stringMap(run.Labels),
    entrypoint: strings(run.Entrypoint),
    cmd: strings(run.Cmd),
    ...optionalText(run, 'WorkingDir', 'workingDir'),
    ...optionalText(run, 'User', 'user'),
    exposedPorts: isObject(run.ExposedPorts) ? Object.keys(run.ExposedPorts).sort() : [],
    history: Array.isArray(document.history) ? document.history.filter(isObject).map(historyStep) : [],
    diffIds: isObject(document.rootfs) ? strings(document.rootfs.diff_ids) : [],
  };
}

function historyStep(entry: JsonObject): HistoryStep {
  return {
    ...optionalText(entry, 'created', 'created'),
    ...optionalText(entry, 'created_by', 'createdBy'),
    ...optionalText(entry, 'comment', 'comment'),
    emptyLayer: entry.empty_layer === true,
  };
}

function optionalText<K extends string>(
  object: JsonObject,
  field: string,
  key: K,
): Partial<Record<K, string>> {
  const value = object[field];
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function stringMap(value: unknown): Record<string, string> {
  if (!isObject(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/**
 * Pairs each layer (base first) with the history step that made it: steps marked `empty_layer`
 * own no layer, the others own the layers in order. When the counts disagree (hand-made images,
 * squashed ones) the pairing would lie, so every layer gets null.
 */
export function layerHistory(history: readonly HistoryStep[], layerCount: number): (HistoryStep | null)[] {
  const owners = history.filter((step) => !step.emptyLayer);
  if (owners.length !== layerCount) return Array.from({ length: layerCount }, () => null);
  return owners;
}
