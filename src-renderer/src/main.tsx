import '@mantine/core/styles.css';
import { createRoot } from 'react-dom/client';
import { start } from './app/start.js';

void start(createRoot(document.getElementById('root')!));
