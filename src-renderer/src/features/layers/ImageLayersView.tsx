import { Center, Group, Loader, SegmentedControl, Text } from '@mantine/core';
import { type KeyboardEvent, useCallback, useEffect, useId, useState } from 'react';
import { formatBytes, formatCount } from '../../lib/format.js';
import { useApp, useAppStore } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { CompareView } from './CompareView.js';
import { FileContent } from './FileContent.js';
import { FileTree } from './FileTree.js';
import { type ImageSelector, imageKey } from './image-key.js';
import { LayerList } from './LayerList.js';
import classes from './Layers.module.css';
import { formatPercent } from './layer-words.js';
import { ScanPanel } from './ScanPanel.js';
import { Treemap } from './Treemap.js';
import { WastedSpace } from './WastedSpace.js';

function isEditable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

function Section({
  title,
  children,
  extra,
}: {
  title: string;
  children: React.ReactNode;
  extra?: React.ReactNode;
}) {
  return (
    <div className={classes.section}>
      <div className={classes.sectionTitle}>
        {title}
        {extra}
      </div>
      {children}
    </div>
  );
}

/**
 * What is inside an image and why it is big, for a registry's tag or a local image alike: its
 * layers with their sizes and commands, and once scanned, where the bytes are (treemap), the
 * wasted space, the file tree as of any layer, a file's content; or a comparison with another image.
 */
export function ImageLayersView({ selector }: { selector: ImageSelector }) {
  const key = imageKey(selector);
  const store = useAppStore();
  const image = useApp((s) => s.layerImages[key]);
  const treeLayer = useApp((s) => s.layerTrees[key]?.layer);
  const fileOpen = useApp((s) => s.layerFiles[key] !== undefined);
  const openLayers = useApp((s) => s.openLayers);
  const [mode, setMode] = useState<'files' | 'compare'>('files');
  const filterId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the key names the selector: a new object for the same image is the same image.
  useEffect(() => {
    void openLayers(selector);
  }, [key, openLayers]);

  const reveal = useCallback(
    async (path: string) => {
      const state = store.getState();
      await state.revealInTree(key, path);
      state.toggleTreeDir(key, path, true);
      document.querySelector<HTMLElement>('[data-testid="file-tree"]')?.focus({ preventScroll: true });
    },
    [store, key],
  );
  const openFile = useCallback(
    (path: string) => void store.getState().openLayerFile(key, path),
    [store, key],
  );
  const selectLayer = (index: number | undefined) => store.getState().setTreeLayer(key, index);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Esc steps back inside the view (the open file, then the chosen layer) before it leaves it.
    if (event.key === 'Escape' && !event.defaultPrevented && (fileOpen || treeLayer !== undefined)) {
      event.preventDefault();
      if (fileOpen) store.getState().closeLayerFile(key);
      else selectLayer(undefined);
      return;
    }
    const mod = event.ctrlKey || event.metaKey;
    if ((event.key === '/' && !isEditable(event.target)) || (mod && event.key.toLowerCase() === 'f')) {
      const filter = document.getElementById(filterId);
      if (!(filter instanceof HTMLInputElement)) return;
      event.preventDefault();
      filter.focus();
      filter.select();
    }
  };

  if (!image || image.view.state === 'loading')
    return (
      <Center h={120}>
        <Loader size="sm" data-testid="layers-loading" />
      </Center>
    );
  if (image.view.state === 'failed')
    return (
      <ErrorAlert error={image.view.error} testId="layers-error" onRetry={() => void openLayers(selector)} />
    );

  const view = image.view.value;
  const scan = image.scan;
  const summary = scan.state === 'done' ? scan.summary : undefined;
  const size = view.layers.reduce((sum, layer) => sum + (layer.size ?? 0), 0);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: `/` and Ctrl+F from anywhere in the view focus its filter.
    <div
      className={classes.view}
      data-testid="layers-view"
      data-scan={scan.state}
      data-digest={view.digest}
      onKeyDown={onKeyDown}
    >
      <Group gap="sm" wrap="nowrap">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(value) => setMode(value as 'files' | 'compare')}
          data={[
            { value: 'files', label: 'Layers & files' },
            { value: 'compare', label: 'Compare with…' },
          ]}
          data-testid="layers-mode"
        />
        <Text fz="xs" c="dimmed" truncate="end" data-testid="layers-summary" data-files={summary?.files}>
          {[
            formatCount(view.layers.length, 'layer'),
            formatBytes(size),
            view.platform,
            summary && `${formatCount(summary.files, 'path')} · ${formatBytes(summary.size)} unpacked`,
            summary && `efficiency ${formatPercent(summary.efficiency.score)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </Group>
      {mode === 'compare' ? (
        <CompareView imageKey={key} selector={selector} />
      ) : (
        <div className={classes.panes}>
          <div className={classes.scrollPane}>
            <Section
              title="Layers"
              extra={
                treeLayer !== undefined && (
                  <Text span fz={11} c="dimmed" tt="none">
                    Esc shows the final filesystem
                  </Text>
                )
              }
            >
              <LayerList
                layers={view.layers}
                counts={summary?.layers}
                selected={treeLayer}
                onSelect={selectLayer}
              />
            </Section>
            {summary && (
              <Section title="Where the bytes are">
                <Treemap key={`${key} treemap`} summary={summary} onReveal={(path) => void reveal(path)} />
              </Section>
            )}
            {summary && (
              <Section title="Wasted space">
                <WastedSpace efficiency={summary.efficiency} onReveal={(path) => void reveal(path)} />
              </Section>
            )}
          </div>
          <div className={classes.pane}>
            {summary ? (
              <>
                <FileTree imageKey={key} filterId={filterId} onOpenFile={openFile} />
                {fileOpen && <FileContent imageKey={key} />}
              </>
            ) : (
              <ScanPanel imageKey={key} scan={scan} layers={view.layers.length} />
            )}
          </div>
        </div>
      )}
    </div>
  );
}
