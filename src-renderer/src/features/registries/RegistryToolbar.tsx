import { Anchor, Breadcrumbs, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useApp } from '../../store/context.js';
import { ViewBar } from '../../ui/ViewBar.js';

/** Where the user is: registry › repository › tag, each a way back up. */
function Trail({ host, repository, tag }: { host: string; repository?: string; tag?: string }) {
  const name = useApp((s) => s.registries.find((r) => r.host === host)?.name ?? host);
  const openRegistry = useApp((s) => s.openRegistry);
  const openRepository = useApp((s) => s.openRepository);
  const crumbs: ReactNode[] = [];
  const link = (label: string, testId: string, go: () => void) => (
    <Anchor key={testId} component="button" fz="sm" fw={600} onClick={go} data-testid={testId}>
      {label}
    </Anchor>
  );
  const here = (label: string) => (
    <Text key="here" fz="sm" fw={600} truncate title={label} data-testid="crumb-here">
      {label}
    </Text>
  );
  if (repository === undefined) crumbs.push(here(name));
  else {
    crumbs.push(link(name, 'crumb-registry', () => openRegistry(host)));
    if (tag === undefined) crumbs.push(here(repository));
    else {
      crumbs.push(link(repository, 'crumb-repository', () => openRepository(host, repository)));
      crumbs.push(here(tag));
    }
  }
  return (
    <Title order={2} fz="sm" style={{ minWidth: 0 }}>
      <Breadcrumbs separatorMargin={6} styles={{ root: { flexWrap: 'nowrap' } }}>
        {crumbs}
      </Breadcrumbs>
    </Title>
  );
}

/** The bar atop every registries view: where we are on the left, the view's actions on the right. */
export function RegistryToolbar({
  host,
  repository,
  tag,
  children,
}: {
  host: string;
  repository?: string;
  tag?: string;
  children?: ReactNode;
}) {
  return (
    <ViewBar>
      <Trail host={host} repository={repository} tag={tag} />
      <Group gap="xs" wrap="nowrap">
        {children}
      </Group>
    </ViewBar>
  );
}
