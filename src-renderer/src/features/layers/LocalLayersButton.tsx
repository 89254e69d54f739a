import { Box, Button, Modal } from '@mantine/core';
import { Suspense, useEffect } from 'react';
import { useApp, useAppStore } from '../../store/context.js';
import { IconLayers } from '../../ui/icons.js';
import { ChunkLoader, lazyNamed } from '../../ui/lazy-view.js';
import { localImage } from './image-key.js';

// The button is in every image's detail panel; the view it opens comes in its own chunk.
const ImageLayersView = lazyNamed(() => import('./ImageLayersView.js').then((m) => m.ImageLayersView));

/**
 * "Layers…" in a local image's detail panel, and the Layers view it opens over Local Images:
 * the same view as a registry tag's, read from the engine. Esc closes it once nothing inside
 * (the filter, an open file, a chosen layer) wants the key.
 */
export function LocalLayersButton({ imageId, title }: { imageId: string; title: string }) {
  const engineId = useApp((s) => s.activeEngineId);
  const open = useApp((s) => s.localLayers?.source === 'local' && s.localLayers.reference === imageId);
  const selector = useApp((s) => s.localLayers);
  const openLocalLayers = useApp((s) => s.openLocalLayers);
  const closeLocalLayers = useApp((s) => s.closeLocalLayers);
  const store = useAppStore();
  // The detail panel went (the image was removed, another engine chosen): so does its Layers view.
  useEffect(
    () => () => {
      const state = store.getState();
      if (state.localLayers?.reference === imageId) state.closeLocalLayers();
    },
    [store, imageId],
  );
  return (
    <>
      <Button
        size="compact-xs"
        variant="default"
        leftSection={<IconLayers size={12} />}
        onClick={() => openLocalLayers(localImage(imageId, engineId))}
        data-testid="detail-layers"
        title="Layers, files and wasted space of this image"
      >
        Layers…
      </Button>
      <Modal
        opened={open}
        onClose={closeLocalLayers}
        closeOnEscape={false}
        title={`Layers of ${title}`}
        size="calc(100vw - 48px)"
        centered
        styles={{ title: { fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 } }}
      >
        <Box
          data-testid="local-layers"
          h="calc(100vh - 150px)"
          onKeyDown={(event) => {
            if (event.key !== 'Escape' || event.defaultPrevented) return;
            // Local Images underneath listens on the window: a handled Esc must not close its detail too.
            event.preventDefault();
            closeLocalLayers();
          }}
        >
          {open && selector && (
            <Suspense fallback={<ChunkLoader />}>
              <ImageLayersView selector={selector} />
            </Suspense>
          )}
        </Box>
      </Modal>
    </>
  );
}
