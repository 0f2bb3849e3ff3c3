// Applies the saved colour scheme before the console renders (no flash of the wrong theme).
// A file, not an inline script: the hub's Content-Security-Policy allows scripts from 'self' only.
(() => {
  try {
    const saved = window.localStorage.getItem('mantine-color-scheme-value');
    const scheme =
      saved === 'light' || saved === 'dark'
        ? saved
        : window.matchMedia('(prefers-color-scheme: dark)').matches
          ? 'dark'
          : 'light';
    document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
  } catch {
    // Storage blocked: Mantine picks the scheme when it starts.
  }
})();
