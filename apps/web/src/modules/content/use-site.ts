import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { type Site, sitesQuery } from './api';

const KEY = 'bos.cms.site';

/** The tenant's sites and the one being worked on (remembered in this browser; the primary by default). */
export function useSite() {
  const sites = useQuery(sitesQuery);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(KEY));
  const list: Site[] = sites.data ?? [];
  const site = list.find((s) => s.id === chosen) ?? list.find((s) => s.isPrimary) ?? list[0];
  const select = useCallback((id: string) => {
    localStorage.setItem(KEY, id);
    setChosen(id);
  }, []);
  return { sites, list, site, select };
}

/** "About us!" → "about-us". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
