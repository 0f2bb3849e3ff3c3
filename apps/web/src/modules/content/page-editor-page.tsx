import { useQuery } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { QueryError } from '../../components/query-error';
import { PageSkeleton } from '../../shell/page-skeleton';
import { pageQuery } from './api';
import { PageEditor } from './page-editor';

/** /content/pages/$id: the block editor of one page or post. */
export function PageEditorPage() {
  const { id } = useParams({ from: '/app/content/pages/$id' });
  const page = useQuery(pageQuery(id));
  if (page.isPending) return <PageSkeleton />;
  if (page.isError)
    return <QueryError error={page.error} onRetry={() => page.refetch()} title="Could not open this page" />;
  return <PageEditor key={id} page={page.data} />;
}
