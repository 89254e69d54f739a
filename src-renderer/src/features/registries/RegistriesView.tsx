import { Box } from '@mantine/core';
import { useApp } from '../../store/context.js';
import { CatalogView } from './CatalogView.js';
import { RepositoryView } from './RepositoryView.js';
import { TagDetailView } from './TagDetailView.js';

/** The registries area: a registry's catalog, a repository's tags, or one tag, as the route says. */
export function RegistriesView() {
  const { host, repository, tag } = useApp((s) => s.registryRoute);
  return (
    <Box
      data-testid="registries-view"
      style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}
    >
      {repository === undefined ? (
        <CatalogView key={host} host={host} />
      ) : tag === undefined ? (
        <RepositoryView key={`${host}/${repository}`} host={host} repository={repository} />
      ) : (
        <TagDetailView key={`${host}/${repository}:${tag}`} host={host} repository={repository} tag={tag} />
      )}
    </Box>
  );
}
