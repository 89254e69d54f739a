import { Box, Center, EmptyState, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconLayers } from '../../ui/icons.js';
import { EngineUnreachable } from '../engines/EngineUnreachable.js';
import { ActionErrorBanner } from './ActionErrorBanner.js';
import { ImageDetailPanel } from './ImageDetailPanel.js';
import { ImagesDialogs } from './ImagesDialogs.js';
import { ImagesTable } from './ImagesTable.js';
import { ImagesToolbar } from './ImagesToolbar.js';

function Centered({ children }: { children: ReactNode }) {
  return <Center style={{ flex: 1 }}>{children}</Center>;
}

/** What the images area shows: the engine's problem, a loader, an empty engine, or the table. */
function ImagesContent() {
  const status = useApp((s) => s.engineStatus);
  const callError = useApp((s) => s.engineCallError);
  const imagesState = useApp((s) => s.imagesState);
  const imagesError = useApp((s) => s.imagesError);
  const hasImages = useApp((s) => s.images.length > 0);
  const detailImageId = useApp((s) => s.detailImageId);
  const fetchImages = useApp((s) => s.fetchImages);

  if (status && !status.reachable) {
    const problem = status.error ?? { code: 'ENGINE_UNREACHABLE', message: 'The engine did not answer.' };
    return <EngineUnreachable endpoint={status.endpoint} problem={problem} />;
  }
  if (!status && callError) return <EngineUnreachable problem={callError} />;
  if (imagesState === 'error' && imagesError?.code === 'ENGINE_UNREACHABLE') {
    return <EngineUnreachable endpoint={status?.endpoint} problem={imagesError} />;
  }
  if (imagesState === 'error' && imagesError && !hasImages) {
    return (
      <Centered>
        <ErrorAlert error={imagesError} testId="images-error" maw={520} onRetry={() => void fetchImages()} />
      </Centered>
    );
  }
  if (!status || imagesState === 'idle' || imagesState === 'loading') {
    return (
      <Centered>
        <Loader size="sm" data-testid="images-loading" />
      </Centered>
    );
  }
  if (!hasImages) {
    return (
      <Centered>
        <EmptyState
          data-testid="images-empty"
          icon={<IconLayers size={28} />}
          withIndicatorBackground
          title="No images on this engine"
          description="Images you build, pull or load appear here as soon as the engine has them."
        />
      </Centered>
    );
  }
  return (
    <Box style={{ flex: 1, minHeight: 0, display: 'flex' }}>
      <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        <ImagesTable />
      </Box>
      {detailImageId !== undefined && <ImageDetailPanel key={detailImageId} imageId={detailImageId} />}
    </Box>
  );
}

export function ImagesView() {
  const reachable = useApp((s) => s.engineStatus?.reachable === true);
  return (
    <Box style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
      {reachable && <ImagesToolbar />}
      <ActionErrorBanner />
      <ImagesContent />
      <ImagesDialogs />
    </Box>
  );
}
