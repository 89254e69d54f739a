import { Group, Stack, Text, TextInput } from '@mantine/core';
import { CopyValue } from '../../ui/CopyValue.js';
import { Dim } from '../../ui/DetailParts.js';
import { RegistrySelect } from './RegistrySelect.js';
import type { TargetCheck } from './target-ref.js';

export interface TargetFields {
  host: string;
  repository: string;
  tag: string;
}

/**
 * Registry, repository and tag of a push or copy destination, and the full reference they make
 * (monospace, copyable) or what is wrong with them, under the field at fault.
 */
export function TargetForm({
  fields,
  check,
  onChange,
  testIdPrefix,
}: {
  fields: TargetFields;
  check: TargetCheck;
  onChange: (change: Partial<TargetFields>) => void;
  testIdPrefix: string;
}) {
  const fieldError = (field: 'repository' | 'tag') =>
    !check.ok && check.field === field && fields[field].trim() !== '' ? check.message : undefined;
  return (
    <Stack gap="xs">
      <RegistrySelect
        value={fields.host}
        onChange={(host) => onChange({ host })}
        testId={`${testIdPrefix}-registry`}
      />
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label="Repository"
          style={{ flex: 1 }}
          value={fields.repository}
          onChange={(event) => onChange({ repository: event.currentTarget.value })}
          error={fieldError('repository')}
          spellCheck={false}
          autoComplete="off"
          data-autofocus
          data-testid={`${testIdPrefix}-repository`}
        />
        <TextInput
          label="Tag"
          w={150}
          value={fields.tag}
          onChange={(event) => onChange({ tag: event.currentTarget.value })}
          error={fieldError('tag')}
          spellCheck={false}
          autoComplete="off"
          data-testid={`${testIdPrefix}-tag`}
        />
      </Group>
      <Group gap={4} wrap="nowrap" align="center" mih={20}>
        {check.ok ? (
          <>
            <Text
              ff="monospace"
              fz="xs"
              style={{ wordBreak: 'break-all' }}
              data-testid={`${testIdPrefix}-reference`}
              data-reference={check.reference}
            >
              {check.reference}
            </Text>
            <CopyValue value={check.reference} label="Copy reference" />
          </>
        ) : (
          <Dim>
            {fieldError(check.field) ? 'Fix the field above to see the full reference.' : check.message}
          </Dim>
        )}
      </Group>
    </Stack>
  );
}
