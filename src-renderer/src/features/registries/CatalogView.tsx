import { Box, Center, Loader } from '@mantine/core';
import { useEffect } from 'react';
import { useApp } from '../../store/context.js';
import { AccountActions } from './AccountActions.js';
import { CapabilitiesPanel } from './CapabilitiesPanel.js';
import { CatalogBrowser } from './CatalogBrowser.js';
import { CatalogUnsupported } from './CatalogUnsupported.js';
import { CATALOG_REFUSED } from './catalog-slice.js';
import { RegistryToolbar } from './RegistryToolbar.js';
import { isDockerHub } from './registry-ref.js';

/**
 * A registry's home: its repositories when it lists them (streamed while shown, paused when left),
 * the other ways in when it does not, and what it supports beside them.
 */
export function CatalogView({ host }: { host: string }) {
  const catalog = useApp((s) => s.catalogs[host]);
  const probedWithoutCatalog = useApp((s) => {
    const probe = s.probes[host];
    return probe?.state === 'known' && probe.capabilities.reachable && !probe.capabilities.catalog;
  });
  const loginMayHelp = useApp((s) => {
    const probe = s.probes[host];
    const anonymous = !s.registries.find((r) => r.host === host)?.account;
    return (
      anonymous && probe?.state === 'known' && ['basic', 'bearer'].includes(probe.capabilities.authScheme)
    );
  });
  const openCatalog = useApp((s) => s.openCatalog);
  const pauseCatalog = useApp((s) => s.pauseCatalog);

  const refusal =
    catalog?.state === 'failed' &&
    catalog.repositories.length === 0 &&
    catalog.error &&
    CATALOG_REFUSED.has(catalog.error.code)
      ? catalog.error
      : undefined;
  // Docker Hub is known not to list: no request is spent finding out again.
  const unsupported = isDockerHub(host) || probedWithoutCatalog || refusal !== undefined;

  useEffect(() => {
    if (unsupported) return;
    openCatalog(host);
    return () => pauseCatalog(host);
  }, [host, unsupported, openCatalog, pauseCatalog]);

  return (
    <Box
      data-testid="catalog-view"
      data-host={host}
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      <RegistryToolbar host={host}>
        <AccountActions host={host} />
      </RegistryToolbar>
      <Box style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          {unsupported ? (
            <CatalogUnsupported host={host} refusal={refusal} loginMayHelp={loginMayHelp} />
          ) : catalog ? (
            <CatalogBrowser host={host} catalog={catalog} />
          ) : (
            <Center style={{ flex: 1 }}>
              <Loader size="sm" />
            </Center>
          )}
        </Box>
        <CapabilitiesPanel host={host} />
      </Box>
    </Box>
  );
}
