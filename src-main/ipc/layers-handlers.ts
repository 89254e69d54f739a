import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { EngineSession } from '../core/engine/session.js';
import { InvalidInputError } from '../core/errors.js';
import { viewFile } from '../core/layers/content.js';
import { diffFilesystems } from '../core/layers/diff.js';
import { ImageCache } from '../core/layers/image-cache.js';
import type { ListingCache } from '../core/layers/listing-cache.js';
import { pathMatcher } from '../core/layers/path-glob.js';
import { saveImageFile } from '../core/layers/save-file.js';
import { filesystemSummary, fileView, imageDiffView, layersView } from '../core/layers/summary-view.js';
import type { RegistrySession } from '../core/registry/session.js';
import type { TaskPart } from '../core/tasks/types.js';
import type { Handlers } from './dispatch.js';
import { partsProgress } from './task-progress.js';

type LayersProcedure = Extract<keyof Handlers, `layers.${string}`>;

export interface LayersHandlerDeps {
  session: EngineSession;
  registries: RegistrySession;
  /** Listings kept on disk between runs; without one, every scan reads the layers. */
  listings?: ListingCache | undefined;
}

/**
 * The layers procedures: an image's layers, a scan (every layer listed, then merged) as a task,
 * the tree calls over the scanned filesystem, a file's bytes, and the diff of two images. Opened
 * images and their merged filesystems stay in main (ImageCache); the UIs get plain views.
 */
export function createLayersHandlers({
  session,
  registries,
  listings,
}: LayersHandlerDeps): Pick<Handlers, LayersProcedure> {
  const images = new ImageCache({
    sources: {
      registry: (domain) => registries.client(domain),
      engine: async (engineId) => (await session.resolve(engineId)).docker,
      listings,
    },
  });

  return {
    'layers.inspect': async (selector) => {
      const { image, listed } = await images.inspect(selector);
      return layersView(image, listed);
    },
    'layers.scan': async (selector, task) => {
      const { fs } = await images.scan(selector, { signal: task.signal, onProgress: partsProgress(task) });
      return filesystemSummary(fs);
    },
    'layers.dir': async ({ image, path, layer, onlyChanges }) =>
      (await images.tree(image, layer)).list(path, onlyChanges ?? false),
    'layers.find': async ({ image, pattern, layer, limit }) =>
      (await images.tree(image, layer)).find(pathMatcher(pattern), limit),
    'layers.file': async ({ image, path, maxBytes }) => {
      const { image: opened, fs } = await images.filesystem(image);
      return fileView(fs, await viewFile(opened, fs, path, maxBytes === undefined ? {} : { maxBytes }));
    },
    'layers.saveFile': async ({ image, path, destination: asked }, task) => {
      // The UI offers `~/Downloads/<name>`: `~` is the user's home, as in a shell.
      const destination = asked === '~' || asked.startsWith('~/') ? join(homedir(), asked.slice(1)) : asked;
      if (!isAbsolute(destination)) {
        throw new InvalidInputError(`Save to an absolute path: ${destination} is relative.`);
      }
      // A task can read layers with progress and cancel: it scans what was not scanned yet.
      const progress = partsProgress(task);
      const { image: opened, fs } = await images.scan(image, { signal: task.signal, onProgress: progress });
      const part = { id: `file:${path}`, label: `file ${path}` };
      const { size } = await saveImageFile(opened, fs, path, destination, {
        signal: task.signal,
        onBytes: (current, entry) =>
          progress({
            ...part,
            current,
            ...(entry.type === 'file' ? { total: entry.size } : {}),
            state: 'running',
          }),
      });
      progress({ ...part, current: size, total: size, state: 'done' });
      return { destination, size };
    },
    'layers.diff': async ({ a, b }, task) => {
      const progress = partsProgress(task);
      // The same layer in both images is two bars: one per image, named by its side.
      const side = (name: 'a' | 'b') => (part: TaskPart) =>
        progress({ ...part, id: `${name}:${part.id}`, label: `${name.toUpperCase()} ${part.label}` });
      const before = await images.scan(a, { signal: task.signal, onProgress: side('a') });
      const after = await images.scan(b, { signal: task.signal, onProgress: side('b') });
      return imageDiffView(diffFilesystems(before.fs, after.fs));
    },
  };
}
