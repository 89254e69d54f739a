import { Button, Group, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useApp } from '../../store/context.js';
import { isDockerHub, openableRepository } from './registry-ref.js';

/** Opens a repository by its name, for registries that will not list theirs. */
export function OpenRepositoryBox({ host }: { host: string }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string>();
  const openRepository = useApp((s) => s.openRepository);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = openableRepository(host, name);
    if (result.ok) openRepository(host, result.repository);
    else setProblem(result.message);
  };

  return (
    <form onSubmit={submit}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          data-testid="open-repository"
          aria-label="Repository name"
          placeholder={isDockerHub(host) ? 'ubuntu or user/app' : 'team/app'}
          w={320}
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setProblem(undefined);
          }}
          error={problem}
          errorProps={{ 'data-testid': 'open-repository-error' }}
          spellCheck={false}
          autoComplete="off"
        />
        <Button
          type="submit"
          variant="default"
          disabled={name.trim() === ''}
          data-testid="open-repository-submit"
        >
          Open
        </Button>
      </Group>
    </form>
  );
}
