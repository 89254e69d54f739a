import { Loader } from '@mantine/core';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

/** What a `<Suspense>` shows while a split-off chunk arrives: a small spinner in place. */
export function ChunkLoader() {
  return <Loader size={12} data-testid="chunk-loading" aria-label="Loading" />;
}

/**
 * A named export loaded from its own chunk on first render (render it inside `<Suspense>`). The
 * heavy features never on the first screen (Layers, Trust, the transfer dialogs) go through
 * this so the chunk the app starts with stays small.
 */
// biome-ignore lint/suspicious/noExplicitAny: React.lazy takes any component; callers get the precise type back.
export function lazyNamed<C extends ComponentType<any>>(load: () => Promise<C>): LazyExoticComponent<C> {
  return lazy(async () => ({ default: await load() }));
}
