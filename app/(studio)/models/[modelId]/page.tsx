import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiError } from '@/lib/api/errors';
import { requireUser } from '@/lib/auth/current-user';
import { getModel } from '@/lib/models/models';
import { Spinner } from '@/components/ui/spinner';
import { ProvenancePanel } from '@/components/provenance-panel';
import { RefreshWhileRendering } from './refresh-while-rendering';
import { ModelOwnerActions } from './model-owner-actions';
import { sampleGridJobOf } from '@/lib/models/sample-grid-job';
import { RetryJobNotice } from '@/components/jobs/retry-job-notice';
import { HiddenItemPage, hiddenItemOr404 } from '@/components/moderation/hidden-item-page';
import { ItemModerationBar } from '@/components/moderation/item-moderation';
import { listMetrics } from '@/lib/metrics/start-metrics';
import { MetricsTable } from '@/components/metrics/metrics-table';
import { StartMetricsForm } from '@/components/metrics/start-metrics-form';
import { modelQuizStats } from '@/lib/quiz/scores';
import { FoolRate } from '@/components/quiz/leaderboard';
import { CUES } from '@/lib/quiz/cues';

export const metadata: Metadata = { title: 'Model' };

const fmt = (n: number) => n.toLocaleString('en-US');

export default async function ModelPage({ params }: { params: Promise<{ modelId: string }> }) {
  const user = await requireUser();
  const { modelId } = await params;
  const model = await getModel(user.id, modelId).catch(async (err) => {
    if (err instanceof ApiError && err.code === 'not_found') return { hidden: await hiddenItemOr404(user, 'MODEL', modelId) };
    throw err;
  });
  if ('hidden' in model) return <HiddenItemPage item={model.hidden} />;
  const gridJob = model.sampleGrid ? null : await sampleGridJobOf(model.id);
  const gridFailed = gridJob && (gridJob.state === 'FAILED' || gridJob.state === 'CANCELLED') ? gridJob : null;
  const [metrics, quiz] = await Promise.all([listMetrics(user.id, model.id), modelQuizStats(model.id)]);
  const measuring = metrics.runs.some((r) => r.state === 'QUEUED' || r.state === 'ACTIVE');
  const a = model.architecture;
  const rows: [string, string][] = [
    ['Resolution', `${a.resolution} × ${a.resolution} px, ${a.imgChannels} channels`],
    ['z / w dimensions', `${a.zDim} / ${a.wDim}`],
    ['Mapping layers', String(a.mappingLayers)],
    ['num_ws', String(a.numWs)],
    ['Channels per resolution', a.channels.map((c) => `${c.resolution}px: ${c.channels}`).join(' · ')],
    ['Generator parameters', fmt(a.generatorParams)],
    ['Discriminator parameters', fmt(a.discriminatorParams)],
    ['Noise inputs', a.useNoise ? 'yes' : 'no'],
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-stone-500"><Link href="/models" className="hover:underline">Models</Link> /</p>
          <h1 className="text-2xl font-semibold" data-testid="model-name">{model.name}</h1>
          <p className="text-sm text-stone-500">
            {model.visibility.toLowerCase()}
            {model.reviewStatus === 'PENDING' && <span className="mx-1 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-800" data-testid="review-status">awaiting licence review</span>}
            {model.reviewStatus === 'REJECTED' && <span className="mx-1 rounded bg-red-100 px-2 py-0.5 text-xs text-red-800" data-testid="review-status">licence rejected</span>}
            {' · '}{model.mine ? 'yours' : model.team ? `team ${model.team.name}` : `by ${model.owner?.name ?? 'unknown'}`} · imported {model.createdAt.toISOString().slice(0, 10)}
          </p>
        </div>
        <div className="flex flex-col items-start gap-2 sm:items-end">
          {model.ready ? (
            <Link href={`/explore?model=${model.id}`} className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-white hover:opacity-90">Explore this model</Link>
          ) : (
            <p className="text-sm text-amber-800" data-testid="model-not-ready">From a fine-tune that has not completed: not usable until its owner promotes a checkpoint.</p>
          )}
          {model.mine && <ModelOwnerActions modelId={model.id} archived={model.archived} />}
        </div>
      </div>
      <ItemModerationBar type="MODEL" id={model.id} />
      {model.archived && <p className="text-sm text-stone-600" data-testid="model-archived">Hidden: left out of the model list and the explorer. Saved work made with it still opens.</p>}
      {model.description && <p className="max-w-3xl text-stone-700">{model.description}</p>}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,24rem)_1fr]">
        <section className="space-y-2">
          <h2 className="font-semibold">Samples</h2>
          <div className="aspect-square overflow-hidden rounded-lg border border-stone-200 bg-stone-100">
            {model.sampleGrid ? (
              <img src={model.sampleGrid.url} alt={`Seeds 0–15 of ${model.name}`} data-testid="sample-grid" className="h-full w-full [image-rendering:pixelated]" />
            ) : gridFailed ? (
              <div className="flex h-full items-center p-3">
                <RetryJobNotice
                  testId="sample-grid-failed"
                  jobId={gridFailed.id}
                  message={gridFailed.state === 'FAILED' ? `The sample grid could not be rendered: ${gridFailed.error ?? 'no reason recorded'}` : 'The sample grid render was cancelled.'}
                  canRetry={model.mine}
                  retryLabel="Render again"
                />
              </div>
            ) : (
              <div className="flex h-full flex-col items-center justify-center gap-2 text-sm text-stone-500">
                <Spinner label="Rendering samples" />
                A worker is rendering the sample grid…
                <RefreshWhileRendering />
              </div>
            )}
          </div>
          <p className="text-xs text-stone-500">Seeds 0–15 at ψ 0.7, constant noise.</p>
        </section>
        <div className="min-w-0 space-y-6">
          <section className="rounded-lg border border-stone-200 bg-white p-5">
            <h2 className="font-semibold">Architecture</h2>
            <dl className="mt-3 grid grid-cols-[12rem_1fr] gap-y-2 text-sm" data-testid="architecture">
              {rows.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-stone-500">{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
            {model.checkpoint && (
              <p className="mt-3 text-xs text-stone-500">
                Checkpoint {model.checkpoint.label}, sha256 <code>{model.checkpoint.sha256.slice(0, 16)}…</code>
              </p>
            )}
          </section>
          <section className="rounded-lg border border-stone-200 bg-white p-5">
            <h2 className="font-semibold">Licence</h2>
            {model.license ? (
              <div className="mt-2 space-y-1 text-sm" data-testid="license">
                <p className="font-medium">{model.license.name}{model.license.spdxId ? ` (${model.license.spdxId})` : ''}</p>
                <p className="text-stone-600">
                  {model.license.commercialUse ? 'Commercial use allowed.' : 'Non-commercial use only.'}
                  {model.license.shareAlike ? ' Share-alike.' : ''}
                  {model.license.attribution ? ` Attribution: ${model.license.attribution}` : ''}
                </p>
                {model.license.customText && <p className="whitespace-pre-wrap text-stone-600">{model.license.customText}</p>}
              </div>
            ) : (
              <p className="mt-2 text-sm text-stone-500">No licence recorded.</p>
            )}
          </section>
          <section className="min-w-0 space-y-3 rounded-lg border border-stone-200 bg-white p-5" data-testid="quality">
            <h2 className="font-semibold">Quality metrics</h2>
            <MetricsTable runs={metrics.runs} note={metrics.featureNetwork} />
            {model.ready && <StartMetricsForm modelId={model.id} running={measuring} />}
            <div className="border-t border-stone-100 pt-3 text-sm" data-testid="quiz-stats">
              <h3 className="font-medium">“Which face is real?”</h3>
              <p>Fool rate: <FoolRate row={quiz} /></p>
              {quiz.topCues.length > 0 && <p className="text-stone-600">Most ticked cues: {quiz.topCues.map((c) => `${CUES.find((x) => x.id === c.cue)?.title ?? c.cue} (${c.count})`).join(', ')}</p>}
              <Link href="/quiz" className="text-accent hover:underline">Play the quiz</Link>
            </div>
          </section>
          <ProvenancePanel artifactType="MODEL" artifactId={model.id} />
        </div>
      </div>
    </div>
  );
}
