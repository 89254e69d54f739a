import { Kbd, TextInput, type TextInputProps } from '@mantine/core';
import { IconSearch } from './icons.js';

export interface FilterInputProps
  extends Omit<TextInputProps, 'value' | 'onChange' | 'onKeyDown' | 'leftSection' | 'rightSection'> {
  value: string;
  onValueChange: (value: string) => void;
  /**
   * Moves the focus to the list the filter serves: on Escape once the filter is empty, and on
   * ArrowDown or Enter. Without it those keys do what they would anyway.
   */
  onLeave?: () => void;
}

/**
 * A list's filter box: a search icon, the `/` that focuses it (shown while it is empty; the list's
 * key handler does the focusing) and Escape to clear it.
 */
export function FilterInput({ value, onValueChange, onLeave, ...inputProps }: FilterInputProps) {
  return (
    <TextInput
      leftSection={<IconSearch size={14} />}
      rightSection={value ? undefined : <Kbd size="xs">/</Kbd>}
      value={value}
      onChange={(event) => onValueChange(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && value) {
          event.preventDefault();
          onValueChange('');
        } else if (
          onLeave &&
          (event.key === 'Escape' || event.key === 'ArrowDown' || event.key === 'Enter')
        ) {
          event.preventDefault();
          onLeave();
        }
      }}
      {...inputProps}
    />
  );
}
