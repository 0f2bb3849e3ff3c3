import { Alert, Button, Card, Group, Radio, Select, SimpleGrid, Stepper, Text, Title } from '@mantine/core';
import {
  IconBuilding,
  IconInfoCircle,
  IconReportMoney,
  IconTargetArrow,
  IconUsers,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { PageHeader } from '../../../components/page-header';
import { ENTITY_LABELS, guessMapping, mappingProblem, targetOptions } from './import-fields';
import { ImportHistory } from './import-history';
import { ImportMapping } from './import-mapping';
import { ImportProgress } from './import-progress';
import { ImportReview } from './import-review';
import { ImportUpload, type LoadedCsv } from './import-upload';
import { crmKeys, customFieldsQuery, type ImportEntity, pipelinesQuery, startImport } from './tools-api';

const ENTITIES: { value: ImportEntity; label: string; hint: string; icon: typeof IconUsers }[] = [
  {
    value: 'contact',
    label: 'Contacts',
    hint: 'People: names, e-mails, phones, tags, address',
    icon: IconUsers,
  },
  {
    value: 'company',
    label: 'Companies',
    hint: 'Organisations: name, domain, industry, size, address',
    icon: IconBuilding,
  },
  {
    value: 'lead',
    label: 'Leads',
    hint: 'Prospects: name, e-mail, company, status, source (scored after the import)',
    icon: IconTargetArrow,
  },
  {
    value: 'deal',
    label: 'Deals',
    hint: 'A pipeline from another CRM: name, amount, stage, close date, owner, company',
    icon: IconReportMoney,
  },
];

/** CSV import wizard: what, file, mapping, review; then live progress and the result. */
export function ImportPage() {
  const queryClient = useQueryClient();
  const [step, setStep] = useState(0);
  const [entity, setEntity] = useState<ImportEntity>('contact');
  const [file, setFile] = useState<LoadedCsv | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [importId, setImportId] = useState<string | null>(null);
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const custom = useQuery(customFieldsQuery(entity));
  const pipelines = useQuery({ ...pipelinesQuery, enabled: entity === 'deal' });
  const pipeline = pipelines.data?.items.find((p) => p.id === pipelineId);
  const options = targetOptions(entity, custom.data?.items ?? []);
  const problem = mappingProblem(entity, mapping);

  // Deals go into one pipeline: the default one unless another is chosen.
  useEffect(() => {
    const items = pipelines.data?.items;
    if (items?.length && !items.some((p) => p.id === pipelineId))
      setPipelineId((items.find((p) => p.isDefault) ?? items[0]!).id);
  }, [pipelines.data, pipelineId]);

  const start = useMutation({
    mutationFn: () => {
      const m = Object.fromEntries(Object.entries(mapping).filter(([, t]) => t));
      return startImport({
        entity,
        filename: file!.filename,
        csv: file!.text,
        mapping: m,
        pipelineId: pipelineId ?? undefined,
      });
    },
    onSuccess: async (imp) => {
      setImportId(imp.id);
      setStep(4);
      await queryClient.invalidateQueries({ queryKey: crmKeys.imports });
    },
  });

  const loaded = (f: LoadedCsv) => {
    setFile(f);
    setMapping(guessMapping(entity, f.header, custom.data?.items ?? []));
  };
  const chooseEntity = (e: ImportEntity) => {
    setEntity(e);
    if (file) setMapping({});
  };
  const toMapping = () => {
    if (file && !Object.keys(mapping).length)
      setMapping(guessMapping(entity, file.header, custom.data?.items ?? []));
    setStep(2);
  };
  const reset = () => {
    setFile(null);
    setMapping({});
    setImportId(null);
    start.reset();
    setStep(0);
  };
  const open = (id: string) => {
    setImportId(id);
    setStep(4);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const nav = (back: number | null, next: () => void, label: string, disabled = false) => (
    <Group justify="flex-end" mt="lg">
      {back !== null && (
        <Button variant="default" onClick={() => setStep(back)}>
          Back
        </Button>
      )}
      <Button onClick={next} disabled={disabled}>
        {label}
      </Button>
    </Group>
  );

  return (
    <>
      <PageHeader
        title="Import"
        description="Bring contacts, companies, leads and deals in from a spreadsheet or another CRM (CSV). Large files run in the background."
      />
      <Card withBorder padding="lg" mb="lg">
        <Stepper active={step} onStepClick={(s) => s < step && step < 4 && setStep(s)} size="sm">
          <Stepper.Step label="What" description="Records to import">
            <Radio.Group
              value={entity}
              onChange={(v) => chooseEntity(v as ImportEntity)}
              label="What do you import?"
            >
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mt="sm">
                {ENTITIES.map((e) => (
                  <Radio.Card key={e.value} value={e.value} p="md" radius="md" aria-label={e.label}>
                    <Group wrap="nowrap" align="flex-start">
                      <Radio.Indicator />
                      <e.icon size={22} aria-hidden />
                      <div>
                        <Text fw={600}>{e.label}</Text>
                        <Text size="sm" c="dimmed">
                          {e.hint}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
            {entity === 'deal' && (
              <Select
                mt="md"
                maw={420}
                label="Pipeline"
                description="The deals go into this pipeline; stages in the file are matched by name to its stages."
                data={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
                value={pipelineId}
                onChange={setPipelineId}
                allowDeselect={false}
                placeholder={pipelines.isLoading ? 'Loading pipelines…' : 'Choose a pipeline'}
                error={pipelines.isError ? errorMessage(pipelines.error) : undefined}
              />
            )}
            {nav(null, () => setStep(1), 'Next: upload a file', entity === 'deal' && !pipeline)}
          </Stepper.Step>
          <Stepper.Step label="Upload" description="A CSV file">
            <ImportUpload file={file} onLoaded={loaded} />
            {nav(0, toMapping, 'Next: map columns', !file)}
          </Stepper.Step>
          <Stepper.Step label="Map" description="Columns to fields">
            {entity === 'deal' && pipeline && (
              <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />} mb="md">
                Into <b>{pipeline.name}</b>. Stages are matched by name (any case):{' '}
                {pipeline.stages.map((s) => s.name).join(', ')}. A row with another stage is reported as a bad
                line; an empty stage puts the deal in {pipeline.stages.find((s) => s.kind === 'open')?.name}.
                Owners are matched by member e-mail; a company (by name) or contact (by e-mail) is linked when
                exactly one matches. Dates like 2026-03-31 or 31/03/2026 (day first).
              </Alert>
            )}
            {file && (
              <ImportMapping
                entity={entity}
                file={file}
                options={options}
                mapping={mapping}
                onChange={setMapping}
              />
            )}
            {problem && (
              <Text c="red" size="sm" mt="sm" role="alert">
                {problem}
              </Text>
            )}
            {nav(1, () => setStep(3), 'Next: review', !!problem)}
          </Stepper.Step>
          <Stepper.Step label="Review" description="Check and start">
            {file && (
              <ImportReview
                entity={entity}
                file={file}
                mapping={mapping}
                options={options}
                into={entity === 'deal' ? pipeline?.name : undefined}
              />
            )}
            {start.isError && (
              <Alert color="red" variant="light" mt="md" role="alert">
                {errorMessage(start.error)}
              </Alert>
            )}
            <Group justify="flex-end" mt="lg">
              <Button variant="default" onClick={() => setStep(2)}>
                Back
              </Button>
              <Button onClick={() => start.mutate()} loading={start.isPending}>
                Start import of {file?.rows.toLocaleString()} {ENTITY_LABELS[entity].many}
              </Button>
            </Group>
          </Stepper.Step>
          <Stepper.Completed>
            {importId && <ImportProgress key={importId} id={importId} />}
            <Group justify="flex-end" mt="lg">
              <Button variant="light" onClick={reset}>
                Import another file
              </Button>
            </Group>
          </Stepper.Completed>
        </Stepper>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Past imports
        </Title>
        <ImportHistory onOpen={open} />
      </Card>
    </>
  );
}
