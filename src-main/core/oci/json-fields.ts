import { InvalidReferenceError, parseDigest } from '../reference/index.js';
import type { Descriptor } from './descriptor.js';
import { OciError } from './errors.js';
import type { Platform } from './platform.js';

/**
 * Readers for untrusted JSON that name the field at fault (`layers[2].digest: …`), so a broken
 * manifest from a registry yields a sentence rather than a TypeError later.
 */

export type JsonObject = Record<string, unknown>;

export function invalid(path: string, problem: string): OciError {
  return new OciError('MANIFEST_INVALID', `manifest is invalid: ${path ? `${path}: ` : ''}${problem}`, {
    field: path,
  });
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw invalid(path, 'must be an object');
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(path, 'must be a string');
  return value;
}

export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined ? undefined : stringAt(value, path);
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw invalid(path, 'must be an array');
  return value;
}

export function digestAt(value: unknown, path: string): string {
  const text = stringAt(value, path);
  try {
    return parseDigest(text);
  } catch (error) {
    if (error instanceof InvalidReferenceError) throw invalid(path, error.message);
    throw error;
  }
}

export function sizeAt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(path, 'must be a non-negative integer');
  }
  return value;
}

export function optionalAnnotations(value: unknown, path: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const object = objectAt(value, path);
  for (const [key, entry] of Object.entries(object)) stringAt(entry, `${path}.${key}`);
  return object as Record<string, string>;
}

export function optionalPlatform(value: unknown, path: string): Platform | undefined {
  if (value === undefined) return undefined;
  const object = objectAt(value, path);
  const variant = optionalString(object.variant, `${path}.variant`);
  const osVersion = optionalString(object['os.version'], `${path}.os.version`);
  return {
    os: stringAt(object.os, `${path}.os`),
    architecture: stringAt(object.architecture, `${path}.architecture`),
    ...(variant ? { variant } : {}),
    ...(osVersion ? { osVersion } : {}),
  };
}

export function descriptorAt(value: unknown, path: string): Descriptor {
  const object = objectAt(value, path);
  const descriptor: Descriptor = {
    mediaType: stringAt(object.mediaType, `${path}.mediaType`),
    digest: digestAt(object.digest, `${path}.digest`),
    size: sizeAt(object.size, `${path}.size`),
  };
  if (object.urls !== undefined) {
    descriptor.urls = arrayAt(object.urls, `${path}.urls`).map((url, i) =>
      stringAt(url, `${path}.urls[${i}]`),
    );
  }
  const annotations = optionalAnnotations(object.annotations, `${path}.annotations`);
  if (annotations) descriptor.annotations = annotations;
  const platform = optionalPlatform(object.platform, `${path}.platform`);
  if (platform) descriptor.platform = platform;
  const artifactType = optionalString(object.artifactType, `${path}.artifactType`);
  if (artifactType !== undefined) descriptor.artifactType = artifactType;
  const data = optionalString(object.data, `${path}.data`);
  if (data !== undefined) descriptor.data = data;
  return descriptor;
}

export function optionalDescriptor(value: unknown, path: string): Descriptor | undefined {
  return value === undefined ? undefined : descriptorAt(value, path);
}
