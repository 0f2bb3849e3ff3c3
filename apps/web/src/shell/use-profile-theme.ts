import { type MantineColorScheme, useMantineColorScheme } from '@mantine/core';
import { useEffect } from 'react';
import { api } from '../api/client';
import { useMe } from '../auth/session';

const THEMES = ['light', 'dark', 'auto'];

/**
 * The theme saved in the profile (settings.theme) follows the user to every browser: applied when
 * the session loads or the saved value changes. `saveTheme` changes both this browser and the profile.
 */
export function useProfileTheme() {
  const saved = useMe().user.settings.theme;
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => {
    if (typeof saved === 'string' && THEMES.includes(saved)) setColorScheme(saved as MantineColorScheme);
  }, [saved, setColorScheme]);
}

/** Remember a theme choice in the profile too (best effort: this browser has it either way). */
export function saveProfileTheme(theme: MantineColorScheme) {
  void api.PATCH('/api/brain/auth/profile', { body: { settings: { theme } } }).catch(() => undefined);
}
