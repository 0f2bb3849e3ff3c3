import { createTheme } from '@mantine/core';

/** One theme for light and dark; Mantine derives the dark palette. */
export const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'md',
  // Focus rings show for keyboard users (never removed, never shown for mouse clicks).
  focusRing: 'auto',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
});
