import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AppStore } from '../store/app-state.js';
import { StoreProvider } from '../store/context.js';
import { Shell } from './Shell.js';
import { theme } from './theme.js';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      {children}
    </MantineProvider>
  );
}

export function App({ store }: { store: AppStore }) {
  return (
    <Providers>
      <StoreProvider store={store}>
        <Shell />
      </StoreProvider>
    </Providers>
  );
}
