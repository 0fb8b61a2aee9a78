// "How was this made?": the provenance of an artifact, for any artifact page. A server
// component: pass the artifact (type + id) or a provenance id, and optionally the asset to
// offer as a download with its provenance embedded.
//   <ProvenancePanel artifactType="IMAGE" artifactId={assetId} downloadAssetId={assetId} />
import Link from 'next/link';
import { getCurrentUser } from '@/lib/auth/current-user';
import { getProvenanceForUser, provenanceNames, provenanceOfArtifact, type ProvenanceView } from '@/lib/provenance/get-provenance';
import type { NamedLink } from '@/lib/provenance/name-links';
import { truncationSummary } from '@/lib/synthesis/truncation-summary';

type Props = ({ artifactType: ProvenanceView['artifact']['type']; artifactId: string } | { provenanceId: string }) & {
  downloadAssetId?: string;
  open?: boolean;
};

function short(hash: string | null | undefined) {
  return hash ? `${hash.slice(0, 12)}…` : '—';
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-stone-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

function describeInputs(inputs: Record<string, unknown>) {
  const parts: string[] = [];
  if (typeof inputs.seed === 'number') parts.push(`seed ${inputs.seed}`);
  if (Array.isArray(inputs.z)) parts.push(`z (${inputs.z.length} values)`);
  if (Array.isArray(inputs.wplus)) parts.push(`w+ (${inputs.wplus.length} layers)`);
  else if (Array.isArray(inputs.wplusFlat)) parts.push(`w+ (${inputs.wplusFlat.length} values)`);
  if (typeof inputs.psi === 'number' || (Array.isArray(inputs.psiLayers) && inputs.psiLayers.length)) {
    parts.push(truncationSummary({
      psi: typeof inputs.psi === 'number' ? inputs.psi : null,
      psiLayers: Array.isArray(inputs.psiLayers) ? (inputs.psiLayers as number[]) : null,
      truncationCutoff: typeof inputs.truncationCutoff === 'number' ? inputs.truncationCutoff : null,
    }));
  }
  if (typeof inputs.noiseMode === 'string') parts.push(`noise ${inputs.noiseMode.toLowerCase()}${inputs.noiseSeed != null ? ` (seed ${String(inputs.noiseSeed)})` : ''}`);
  if (inputs.mixSpec) parts.push('style mix');
  return parts.join(', ') || '—';
}

/** A name that links to its page when the viewer may open it; "a private latent" otherwise. */
export function NameLink({ link }: { link: NamedLink }) {
  if (!link.name) return <span className="text-stone-500">a private {link.kind}</span>;
  return (
    <Link href={link.href!} className="text-accent hover:underline">
      {link.name}
      {link.kind !== 'item' && <span className="text-stone-500"> ({link.kind})</span>}
    </Link>
  );
}

export async function ProvenancePanel(props: Props) {
  const user = await getCurrentUser();
  let record: ProvenanceView | null = null;
  if ('provenanceId' in props) {
    record = await getProvenanceForUser(user, props.provenanceId).catch(() => null);
  } else {
    record = await provenanceOfArtifact(user, props.artifactType, props.artifactId);
  }
  const names = record ? await provenanceNames(user, record) : null;
  return (
    <details className="rounded-lg border border-stone-200 bg-white p-4 text-sm" open={props.open} data-testid="provenance-panel">
      <summary className="cursor-pointer font-semibold">How was this made?</summary>
      {!record ? (
        <p className="mt-3 text-stone-500">No provenance record for this item yet.</p>
      ) : (
        <div className="mt-3 space-y-3">
          <p className="text-stone-600">
            AI-generated (<abbr title={record.digitalSourceType}>trained algorithmic media</abbr>) with {record.softwareVersion}.
          </p>
          <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1.5">
            <Row label="Model chain">
              {record.baseModelChain.length
                ? record.baseModelChain.map((l, i) => (
                    <span key={l.modelId} className="block">
                      {i > 0 && '↳ '}
                      {l.name} <span className="text-stone-500">({l.licence?.spdxId ?? l.licence?.name ?? 'no licence'})</span>
                      {l.dataset && <span className="text-stone-500"> — trained on “{l.dataset.name}” ({l.dataset.licence?.spdxId ?? l.dataset.licence?.name ?? 'no licence'})</span>}
                    </span>
                  ))
                : '—'}
            </Row>
            {names?.model && <Row label="Model"><span data-testid="provenance-model"><NameLink link={names.model} /></span></Row>}
            <Row label="Checkpoint"><code title={record.model.checkpointSha256 ?? ''}>{short(record.model.checkpointSha256)}</code></Row>
            {record.datasetManifestHash && <Row label="Dataset manifest"><code title={record.datasetManifestHash}>{short(record.datasetManifestHash)}</code></Row>}
            <Row label="Inputs"><span data-testid="provenance-inputs">{describeInputs(record.inputs)}</span></Row>
            {names && names.parents.length > 0 && (
              <Row label="Made from">
                <span data-testid="provenance-parents">
                  {names.parents.map((p, i) => (
                    <span key={p.id}>{i > 0 && ', '}<NameLink link={p} /></span>
                  ))}
                </span>
              </Row>
            )}
            <Row label="By">{record.team ? `${record.team.name} (team)` : (record.user?.name ?? '—')}</Row>
            {record.jobId && <Row label="Job"><code>{record.jobId}</code></Row>}
            <Row label="Made">{record.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC</Row>
            <Row label="Licence">{record.licence?.summary ?? '—'}</Row>
          </dl>
          {record.attribution && (
            <p className="rounded bg-stone-50 px-3 py-2 text-stone-700" data-testid="attribution">{record.attribution}</p>
          )}
          <p className="flex flex-wrap gap-4">
            {props.downloadAssetId && (
              <a href={`/api/v1/assets/${props.downloadAssetId}/download`} className="font-medium text-accent hover:underline" download>
                Download with provenance
              </a>
            )}
            <a href={`/api/v1/provenance/${record.id}`} className="text-accent hover:underline">Provenance JSON</a>
            <Link href="/verify" className="text-accent hover:underline">Verify a file</Link>
          </p>
        </div>
      )}
    </details>
  );
}
