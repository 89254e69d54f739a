/**
 * Which image the Layers view is about, as the contract names it, and the string the store files
 * everything about that image under. Pure functions: the unit tests pin them down.
 */
import type { ImageSelector } from '../../../../src-main/core/layers/views.js';

export type { ImageSelector };

/** One key per image and platform: `remote docker.io/library/alpine:3 linux/arm64`. */
export function imageKey(selector: ImageSelector): string {
  const parts: string[] = [selector.source];
  if (selector.source === 'local') parts.push(selector.engineId ?? '');
  parts.push(selector.reference);
  if (selector.platform) parts.push(selector.platform);
  return parts.join(' ');
}

/** A registry's image: `platform` only when the tag is an index (a single manifest has one anyway). */
export function remoteImage(reference: string, platform?: string): ImageSelector {
  return { reference, source: 'remote', ...(platform ? { platform } : {}) };
}

/** An engine's image by id or name; no `engineId` means the active engine. */
export function localImage(reference: string, engineId?: string): ImageSelector {
  return { reference, source: 'local', ...(engineId ? { engineId } : {}) };
}

/** The last path component: what a file is called, and the default name to save it under. */
export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** `usr/lib` → `usr`; a top-level path → `` (the root). */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** `usr/lib/x` → [``, `usr`, `usr/lib`]: the directories to open to show `x`. */
export function ancestorPaths(path: string): string[] {
  const ancestors = [''];
  let slash = path.indexOf('/');
  while (slash !== -1) {
    ancestors.push(path.slice(0, slash));
    slash = path.indexOf('/', slash + 1);
  }
  return ancestors;
}

/** `host/repo:tag` or `host/repo@sha256:…` → `host/repo`: where another tag of the same image lives. */
export function repositoryPart(reference: string): string {
  const at = reference.indexOf('@');
  const name = at === -1 ? reference : reference.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

/** What the view calls an image: its reference, or the short id of a local image named by id. */
export function imageLabel(selector: ImageSelector): string {
  const id = /^(?:sha256:)?([0-9a-f]{12})[0-9a-f]{52}$/i.exec(selector.reference);
  return id ? id[1]! : selector.reference;
}
