import { Anchor, Breadcrumbs, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCan } from '../../auth/session';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { siteQuery } from './api';
import { DomainsCard } from './domains-card';
import { NavigationEditor } from './navigation-editor';
import { RedirectsCard } from './redirects-card';
import { SiteGeneralCard } from './site-general-card';
import { useSite } from './use-site';

/** /content/settings: the selected site's name, theme, navigation, domains and redirects. */
export function SiteSettingsPage() {
  const canWrite = useCan('cms:write');
  const { sites, site: chosen } = useSite();
  const site = useQuery({ ...siteQuery(chosen?.id ?? ''), enabled: !!chosen });
  const header = (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/content">
          Content
        </Anchor>
        <span>Site settings</span>
      </Breadcrumbs>
      <PageHeader
        title="Site settings"
        description="How the public site looks and where it answers: name, theme, navigation, domains and redirects."
      />
    </>
  );
  if (sites.isPending || (chosen && site.isPending))
    return (
      <>
        {header}
        <TableSkeleton />
      </>
    );
  if (sites.isError || site.isError)
    return (
      <>
        {header}
        <QueryError error={sites.error ?? site.error} onRetry={() => site.refetch()} />
      </>
    );
  if (!chosen || !site.data)
    return (
      <>
        {header}
        <EmptyState title="No website yet" description="Create the site on the Content page first." />
      </>
    );
  return (
    <>
      {header}
      <Stack gap="lg">
        <SiteGeneralCard key={site.data.updatedAt} site={site.data} canWrite={canWrite} />
        <NavigationEditor key={`nav-${site.data.updatedAt}`} site={site.data} canWrite={canWrite} />
        <DomainsCard site={site.data} canWrite={canWrite} />
        <RedirectsCard siteId={site.data.id} canWrite={canWrite} />
      </Stack>
    </>
  );
}
