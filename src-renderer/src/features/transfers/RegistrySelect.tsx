import { Select } from '@mantine/core';
import { useMemo } from 'react';
import { useApp } from '../../store/context.js';

/** Picks one of the registries Stevedore knows (Docker Hub first), by host. */
export function RegistrySelect({
  value,
  onChange,
  testId,
  label = 'Registry',
}: {
  value: string;
  onChange: (host: string) => void;
  testId: string;
  label?: string;
}) {
  const registries = useApp((s) => s.registries);
  const data = useMemo(() => {
    const options = registries.map((registry) => ({
      value: registry.host,
      label: registry.name === registry.host ? registry.host : `${registry.name} (${registry.host})`,
    }));
    // A host the list no longer has (removed meanwhile) still shows what is chosen.
    if (value && !registries.some((registry) => registry.host === value)) {
      options.push({ value, label: value });
    }
    return options;
  }, [registries, value]);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(host) => host && onChange(host)}
      allowDeselect={false}
      searchable
      checkIconPosition="right"
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
