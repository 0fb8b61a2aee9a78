// The XMP packet we embed in images: IPTC DigitalSourceType "trainedAlgorithmicMedia" (the
// standard flag for AI-generated media), our provenance id and where to verify it, the
// licence terms. Parsing reads back only what we need and never trusts anything else.
export const DIGITAL_SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
export const ATELIER_NS = 'https://latent-atelier.dev/ns/provenance/1.0/';
const IPTC_EXT_NS = 'http://iptc.org/std/Iptc4xmpExt/2008-02-29/';

export type EmbeddedProvenance = { provenanceId: string; verifyUrl: string; description: string; usageTerms: string };

function escapeXml(s: string) {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

function unescapeXml(s: string) {
  return s.replace(/&(lt|gt|amp|apos|quot);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' })[e]!);
}

export function buildXmp(p: EmbeddedProvenance): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    `    xmlns:Iptc4xmpExt="${IPTC_EXT_NS}"`,
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"',
    `    xmlns:atelier="${ATELIER_NS}"`,
    `    Iptc4xmpExt:DigitalSourceType="${DIGITAL_SOURCE_TYPE}"`,
    `    atelier:ProvenanceId="${escapeXml(p.provenanceId)}"`,
    `    atelier:VerifyUrl="${escapeXml(p.verifyUrl)}">`,
    `   <dc:description>${alt(p.description)}</dc:description>`,
    `   <xmpRights:UsageTerms>${alt(p.usageTerms)}</xmpRights:UsageTerms>`,
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}

/** Reads an attribute or element value of a prefixed property (attribute or `<p:Name>v</p:Name>` form). */
function property(xmp: string, prefixedName: string): string | null {
  const name = prefixedName.replace('.', '\\.');
  const attr = new RegExp(`\\s${name}="([^"]*)"`).exec(xmp);
  if (attr) return unescapeXml(attr[1]!);
  const element = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp);
  return element ? unescapeXml(element[1]!.trim()) : null;
}

/** Our fields from an XMP packet; `provenanceId` null when it is not ours. */
export function parseXmp(xmp: string): { provenanceId: string | null; verifyUrl: string | null; digitalSourceType: string | null } {
  // Only trust the atelier prefix when it is bound to our namespace.
  const ours = xmp.includes(`xmlns:atelier="${ATELIER_NS}"`);
  const id = ours ? property(xmp, 'atelier:ProvenanceId') : null;
  return {
    provenanceId: id && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null,
    verifyUrl: ours ? property(xmp, 'atelier:VerifyUrl') : null,
    digitalSourceType: property(xmp, 'Iptc4xmpExt:DigitalSourceType'),
  };
}
