import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/current-user';
import { getTrainingRun, getTrainingRunLog, isFinished } from '@/lib/training/training-runs';
import { ProvenancePanel } from '@/components/provenance-panel';
import { RunLive } from './run-live';
import { CheckpointList } from './checkpoint-list';
import { metricsOfTrainingRun } from '@/lib/metrics/start-metrics';
import { FEATURE_NETWORK_LABEL } from '@/lib/metrics/labels';
import { MetricCurves } from '@/components/metrics/metric-curves';
import { MetricsTable } from '@/components/metrics/metrics-table';

export const metadata: Metadata = { title: 'Training run' };

export default async function TrainingRunPage({ params }: { params: Promise<{ runId: string }> }) {
  const user = await requireUser();
  const { runId } = await params;
  const [run, log] = await Promise.all([getTrainingRun(user.id, runId), getTrainingRunLog(user.id, runId)]).catch((err) => {
    if (err instanceof ApiError && err.status === 404) notFound();
    throw err;
  });
  const latest = run.checkpoints.at(-1);
  // The run page's access check (getTrainingRun) has passed: its metrics are the viewer's to see.
  const metricRuns = await metricsOfTrainingRun(run.id);
  const asksForMetrics = Boolean((run.options as { metrics?: unknown } | null)?.metrics);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/training" className="text-sm text-stone-500 hover:text-stone-800">← Training runs</Link>
        <h1 className="text-2xl font-semibold">{run.name}</h1>
        <p className="text-sm text-stone-500">
          From <strong>{run.baseModel.name}</strong> on dataset{' '}
          <Link href={`/datasets/${run.dataset.id}`} className="text-accent hover:underline">{run.dataset.name}</Link>
          {run.resultModel?.license && <> · licence of the result: {run.resultModel.license.spdxId ?? run.resultModel.license.name}{run.resultModel.license.commercialUse ? '' : ' (non-commercial)'}</>}
        </p>
      </div>
      <RunLive initial={JSON.parse(JSON.stringify(run))} initialLog={log} />
      {run.resultModel && (
        <CheckpointList modelId={run.resultModel.id} ready={run.resultModel.ready} finished={isFinished(run.state)} checkpoints={run.checkpoints.map((c) => ({ id: c.id, label: c.label, hidden: c.hidden }))} />
      )}
      {(asksForMetrics || metricRuns.length > 0) && (
        <section className="space-y-3 rounded-lg border border-stone-200 bg-white p-5" data-testid="run-metrics">
          <h2 className="font-semibold">Quality over snapshots</h2>
          <MetricCurves runs={metricRuns} />
          <MetricsTable runs={[...metricRuns].reverse()} note={FEATURE_NETWORK_LABEL} />
        </section>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {run.resultModel && <ProvenancePanel artifactType="MODEL" artifactId={run.resultModel.id} />}
        {latest && <ProvenancePanel artifactType="CHECKPOINT" artifactId={latest.id} />}
      </div>
    </div>
  );
}
