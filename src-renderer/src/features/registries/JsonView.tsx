import { Box } from '@mantine/core';
import { useMemo } from 'react';
import { type JsonTokenKind, jsonTokens } from './json-tokens.js';

/** Theme colours that read well in both schemes (Mantine's `-text` variants follow the scheme). */
const COLOURS: Record<JsonTokenKind, string | undefined> = {
  key: 'var(--mantine-color-blue-text)',
  string: 'var(--mantine-color-green-text)',
  number: 'var(--mantine-color-orange-text)',
  literal: 'var(--mantine-color-violet-text)',
  punctuation: 'var(--mantine-color-dimmed)',
  plain: undefined,
};

/** Pretty-printed JSON, coloured by a hand-written tokenizer: no highlighter library for one view. */
export function JsonView({ text, testId }: { text: string; testId?: string }) {
  const tokens = useMemo(() => jsonTokens(text), [text]);
  return (
    <Box
      component="pre"
      data-testid={testId}
      m={0}
      p="sm"
      fz={12}
      ff="monospace"
      style={{
        whiteSpace: 'pre',
        overflow: 'auto',
        lineHeight: 1.5,
        background: 'var(--mantine-color-default-hover)',
        borderRadius: 'var(--mantine-radius-sm)',
        border: '1px solid var(--mantine-color-default-border)',
      }}
    >
      {tokens.map((token, index) => {
        const colour = COLOURS[token.kind];
        return colour ? (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity but their place; the list is replaced whole.
            key={index}
            style={{ color: colour }}
            data-kind={token.kind}
          >
            {token.text}
          </span>
        ) : (
          token.text
        );
      })}
    </Box>
  );
}
