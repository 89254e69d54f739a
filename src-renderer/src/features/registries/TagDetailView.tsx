import { Box, Button, Center, CopyButton, Loader, Tabs } from '@mantine/core';
import { Suspense, useEffect, useRef, useState } from 'react';
import type { ImageInspection } from '../../../../src-main/core/registry/types.js';
import { useApp, useAppStore } from '../../store/context.js';
import { modalOpen } from '../../store/modal-open.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { IconCheck, IconCopy, IconDownload, IconTransfer, IconTrash } from '../../ui/icons.js';
import { ChunkLoader, lazyNamed } from '../../ui/lazy-view.js';
import { TrustTabMark } from '../trust/TrustTabMark.js';
import { useSignTag } from '../trust/use-sign-tag.js';
import { ConfigTab } from './ConfigTab.js';
import { HistoryTab } from './HistoryTab.js';
import { LayersTab } from './LayersTab.js';
import { inspectionKey } from './manifests-slice.js';
import { OverviewTab } from './OverviewTab.js';
import { platformName } from './PlatformChips.js';
import { PullCommandMenu } from './PullCommandMenu.js';
import { RawTab } from './RawTab.js';
import { RegistryToolbar } from './RegistryToolbar.js';
import { registryErrorTitle } from './registry-errors.js';
import { repositoryReference, tagReference } from './registry-ref.js';

// Signatures, certificates and DCT roles come in their own chunk, when the Trust tab is first opened.
const TrustTab = lazyNamed(() => import('../trust/TrustTab.js').then((m) => m.TrustTab));

const TABS = ['overview', 'trust', 'config', 'history', 'layers', 'raw'] as const;
const TAB_LABELS: Record<(typeof TABS)[number], string> = {
  overview: 'Overview',
  trust: 'Trust',
  config: 'Config',
  history: 'History',
  layers: 'Layers',
  raw: 'Raw',
};

/** Esc goes back to the tag list, unless something else (a field, a menu, a dialog) wants it. */
function useEscapeGoesUp() {
  const store = useAppStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = store.getState();
      if (event.key !== 'Escape' || event.defaultPrevented || modalOpen(state)) return;
      const target = event.target;
      if (
        target instanceof HTMLElement &&
        (target.closest('[role="menu"]') || ['INPUT', 'TEXTAREA'].includes(target.tagName))
      )
        return;
      state.goUp();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}

/** One tag, resolved (`manifests.inspect`): overview, config, history, layers and the raw manifest. */
export function TagDetailView({ host, repository, tag }: { host: string; repository: string; tag: string }) {
  const reference = tagReference(host, repository, tag);
  const [platform, setPlatform] = useState<string>();
  const [tab, setTab] = useState<string>('overview');
  const entry = useApp((s) => s.inspections[inspectionKey(reference, platform)]);
  const inspectManifest = useApp((s) => s.inspectManifest);
  const openDialog = useApp((s) => s.openRegistryDialog);
  const openTransfer = useApp((s) => s.openTransfer);
  const pullNow = useApp((s) => s.pullNow);
  const signTag = useSignTag(reference);
  useEscapeGoesUp();

  useEffect(() => {
    void inspectManifest(reference, platform);
  }, [reference, platform, inspectManifest]);

  // While another platform loads, the last one stays on screen rather than a blank panel.
  const lastShown = useRef<ImageInspection>(undefined);
  if (entry?.state === 'ready') lastShown.current = entry.value;
  const inspection = entry?.state === 'ready' ? entry.value : lastShown.current;
  const digest = inspection?.digest;

  return (
    <Box
      data-testid="tag-detail"
      data-tag={tag}
      data-digest={digest}
      data-platform={platform}
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      <RegistryToolbar host={host} repository={repository} tag={tag}>
        <Button
          variant="default"
          leftSection={<IconDownload size={14} />}
          onClick={() => void pullNow(reference)}
          data-testid="tag-pull"
          title="Pull this tag into the active engine"
        >
          Pull
        </Button>
        <Button
          variant="default"
          leftSection={<IconTransfer size={14} />}
          disabled={!inspection}
          onClick={() =>
            inspection &&
            openTransfer({
              kind: 'copy',
              host,
              repository,
              tag,
              index: inspection.platforms.length > 0,
              ...(inspection.platform ? { platform: platformName(inspection.platform) } : {}),
            })
          }
          data-testid="tag-copy"
        >
          Copy to…
        </Button>
        <PullCommandMenu repository={repositoryReference(host, repository)} tag={tag} digest={digest} />
        <CopyButton value={digest ?? ''} timeout={1200}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              disabled={!digest}
              onClick={copy}
              data-testid="copy-digest"
            >
              {copied ? 'Copied' : 'Copy digest'}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => openDialog({ kind: 'delete-tag', host, repository, tag })}
          data-testid="delete-tag"
        >
          Delete…
        </Button>
      </RegistryToolbar>
      {entry?.state === 'failed' && (
        <ErrorAlert
          titleOf={registryErrorTitle}
          error={entry.error}
          testId="tag-error"
          radius={0}
          onRetry={() => void inspectManifest(reference, platform)}
        />
      )}
      {inspection ? (
        <Tabs
          value={tab}
          onChange={(value) => value && setTab(value)}
          keepMounted={false}
          style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
        >
          <Tabs.List px="sm">
            {TABS.map((name) => (
              <Tabs.Tab
                key={name}
                value={name}
                data-testid={`tag-tab-${name}`}
                rightSection={name === 'trust' ? <TrustTabMark reference={reference} /> : undefined}
              >
                {TAB_LABELS[name]}
              </Tabs.Tab>
            ))}
            {entry?.state === 'loading' && <Loader size={12} ml="sm" style={{ alignSelf: 'center' }} />}
          </Tabs.List>
          <Box p="sm" style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
            <Tabs.Panel value="overview">
              <OverviewTab inspection={inspection} onPlatform={setPlatform} />
            </Tabs.Panel>
            <Tabs.Panel value="trust">
              <Suspense fallback={<ChunkLoader />}>
                <TrustTab reference={reference} tag={tag} onSign={signTag} />
              </Suspense>
            </Tabs.Panel>
            <Tabs.Panel value="config">
              <ConfigTab config={inspection.config} />
            </Tabs.Panel>
            <Tabs.Panel value="history">
              <HistoryTab config={inspection.config} layers={inspection.layers} />
            </Tabs.Panel>
            <Tabs.Panel value="layers" h="100%">
              <LayersTab reference={reference} inspection={inspection} />
            </Tabs.Panel>
            <Tabs.Panel value="raw">
              <RawTab
                tagReference={reference}
                repositoryReference={repositoryReference(host, repository)}
                inspection={inspection}
              />
            </Tabs.Panel>
          </Box>
        </Tabs>
      ) : (
        entry?.state !== 'failed' && (
          <Center style={{ flex: 1 }}>
            <Loader size="sm" />
          </Center>
        )
      )}
    </Box>
  );
}
