import { Alert, Anchor, Badge, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { CardSkeleton } from '../../../components/card-skeleton';
import { ConfirmButton } from '../../../components/confirm-button';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { crmFormRoute } from '../tools-routes';
import { FormEmbed } from './form-embed';
import { fieldsProblem } from './form-fields';
import { FormLeads } from './form-leads';
import { type FormDraft, FormPreview } from './form-preview';
import { FormSettings } from './form-settings';
import { type CrmForm, crmKeys, formQuery } from './tools-api';

const draftOf = (f: CrmForm): FormDraft => ({
  name: f.name,
  fields: f.fields,
  consentText: f.consentText,
  thankYou: f.thankYou,
  active: f.active,
  notifyUserId: f.notifyUserId,
});

function FormEditor({ form }: { form: CrmForm }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<FormDraft>(() => draftOf(form));
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(form));
  const problem =
    fieldsProblem(draft.fields) ??
    (!draft.name.trim()
      ? 'Give the form a name.'
      : !draft.thankYou.trim()
        ? 'Write a thank-you message.'
        : undefined);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/brain/crm/forms/{id}', {
          params: { path: { id: form.id } },
          body: { ...draft, consentText: draft.consentText?.trim() ? draft.consentText : null },
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(formQuery(form.id).queryKey, saved);
      setDraft(draftOf(saved));
      notifications.show({ message: `${saved.name} was saved`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: crmKeys.forms, exact: true });
    },
  });
  const remove = async () => {
    await unwrap(api.DELETE('/api/brain/crm/forms/{id}', { params: { path: { id: form.id } } }));
    await queryClient.invalidateQueries({ queryKey: crmKeys.forms });
    notifications.show({ message: `${form.name} was deleted`, color: 'teal' });
    await navigate({ to: '/crm/forms' });
  };

  return (
    <>
      <Anchor component={Link} to="/crm/forms" size="sm" mb="xs" display="inline-flex" style={{ gap: 4 }}>
        <IconArrowLeft size={14} aria-hidden /> All forms
      </Anchor>
      <PageHeader
        title={form.name}
        description={
          <Group gap="xs" component="span">
            <Badge variant="light" color={form.active ? 'teal' : 'gray'} component="span">
              {form.active ? 'active' : 'inactive'}
            </Badge>
            <span data-testid="form-submissions">
              {form.submissions.toLocaleString()} submission{form.submissions === 1 ? '' : 's'}
            </span>
          </Group>
        }
        actions={
          <>
            <ConfirmButton
              variant="default"
              color="red"
              title={`Delete ${form.name}?`}
              message="Websites that embed it can no longer send it. Leads it created stay."
              confirmLabel="Delete"
              onConfirm={remove}
            >
              Delete
            </ConfirmButton>
            <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty || !!problem}>
              {dirty ? 'Save changes' : 'Saved'}
            </Button>
          </>
        }
      />
      {(problem || save.isError) && (
        <Alert color="red" variant="light" mb="md" role="alert">
          {problem ?? errorMessage(save.error)}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <FormSettings draft={draft} savedKeys={form.fields.map((x) => x.key)} onChange={setDraft} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="xs" pos="sticky" top={72}>
            <Group justify="space-between">
              <Title order={2} size="h4">
                Live preview
              </Title>
              {dirty && (
                <Text size="xs" c="dimmed">
                  unsaved changes
                </Text>
              )}
            </Group>
            <FormPreview draft={draft} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <FormEmbed form={form} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <FormLeads form={form} />
        </Grid.Col>
      </Grid>
    </>
  );
}

/** One lead capture form: builder with a live preview, and its embed snippet. */
export function FormBuilderPage() {
  const { id } = crmFormRoute.useParams();
  const q = useQuery(formQuery(id));
  if (q.isPending) return <CardSkeleton />;
  if (q.isError)
    return (
      <Card withBorder padding="lg">
        <QueryError error={q.error} onRetry={() => q.refetch()} title="Could not load this form" />
      </Card>
    );
  return <FormEditor key={q.data.id} form={q.data} />;
}
