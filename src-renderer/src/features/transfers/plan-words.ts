/**
 * How the push pre-check reads: who we push as, what happens to the tag, what the layers cost.
 * Pure functions: the unit tests pin them down.
 */
import type { PlannedLayer, PushAccess, RemoteTag } from '../../../../src-main/core/transfer/types.js';
import { formatBytes, formatCount } from '../../lib/format.js';

/** `Granted as alice`, `Granted anonymously`; the registry's own words when it is not granted. */
export function accessWords(access: PushAccess): string {
  switch (access.state) {
    case 'granted':
      return access.username ? `Granted as ${access.username}` : 'Granted anonymously';
    case 'login-required':
      return `Log in first: ${access.message}`;
    case 'denied':
      return access.username
        ? `Refused for ${access.username}: ${access.message}`
        : `Refused: ${access.message}`;
    case 'unreachable':
      return access.message;
  }
}

export type Tone = 'ok' | 'warning' | 'error' | 'neutral';

export function accessTone(access: PushAccess): Tone {
  return access.state === 'granted' ? 'ok' : access.state === 'unreachable' ? 'error' : 'warning';
}

/** A login would change the answer: offer one. */
export function wantsLogin(access: PushAccess): boolean {
  return access.state === 'login-required' || access.state === 'denied';
}

export function remoteWords(remote: RemoteTag): string {
  switch (remote.state) {
    case 'absent':
      return 'New tag: nothing is replaced';
    case 'same':
      return 'Already up to date: the tag names this very image';
    case 'different':
      return 'The tag names another image now; pushing moves it to this one';
    case 'unknown':
      return `Could not tell: ${remote.message}`;
  }
}

export function remoteTone(remote: RemoteTag): Tone {
  return remote.state === 'same' ? 'ok' : remote.state === 'different' ? 'warning' : 'neutral';
}

export interface LayerCounts {
  present: number;
  mountable: number;
  upload: number;
  /** Bytes of the layers to upload whose size is known, and whether some are not. */
  uploadBytes: number;
  uploadSizesKnown: boolean;
}

export function countLayers(layers: readonly PlannedLayer[]): LayerCounts {
  const counts: LayerCounts = { present: 0, mountable: 0, upload: 0, uploadBytes: 0, uploadSizesKnown: true };
  for (const layer of layers) {
    counts[layer.state] += 1;
    if (layer.state !== 'upload') continue;
    if (layer.size === null) counts.uploadSizesKnown = false;
    else counts.uploadBytes += layer.size;
  }
  return counts;
}

/** `3 layers: 1 present, 1 mounted from another repository, 1 to upload (12 MB)`. */
export function layersWords(layers: readonly PlannedLayer[]): string {
  if (layers.length === 0) return 'No layers';
  const counts = countLayers(layers);
  const pieces: string[] = [];
  if (counts.present > 0) pieces.push(`${counts.present} present`);
  if (counts.mountable > 0) pieces.push(`${counts.mountable} mounted from another repository`);
  if (counts.upload > 0) {
    const size =
      counts.uploadBytes > 0
        ? ` (${counts.uploadSizesKnown ? '' : 'at least '}${formatBytes(counts.uploadBytes)})`
        : '';
    pieces.push(`${counts.upload} to upload${size}`);
  }
  return `${formatCount(layers.length, 'layer')}: ${pieces.join(', ')}`;
}

/** One layer's fate, in a word or three. */
export function layerAction(layer: PlannedLayer): string {
  switch (layer.state) {
    case 'present':
      return 'present';
    case 'mountable':
      return layer.from ? `mount from ${layer.from}` : 'mount';
    case 'upload':
      return 'upload';
  }
}
