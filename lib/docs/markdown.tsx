// A small Markdown reader for our own documents (docs/api.md): headings, paragraphs, lists,
// fenced code, pipe tables, `code`, **bold** and [links](url). It builds React elements, never
// HTML strings, so nothing in a document can inject markup.
import { Fragment, type ReactNode } from 'react';

export type Block =
  | { kind: 'heading'; level: number; text: string; id: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'table'; head: string[]; rows: string[][] };

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[`*]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Cells of a `| a | b \| c |` row (`\|` is a literal bar). */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const fence = /^```(\S*)/.exec(line);
    if (fence) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) body.push(lines[i]);
      i++;
      blocks.push({ kind: 'code', lang: fence[1], text: body.join('\n') });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2], id: slug(heading[2]) });
      i++;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1])) {
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i].trim().startsWith('|'); i++) rows.push(cells(lines[i]));
      blocks.push({ kind: 'table', head, rows });
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i]); i++) items.push(lines[i].replace(/^\s*[-*]\s+/, ''));
      blocks.push({ kind: 'list', items });
      continue;
    }
    if (!line.trim()) {
      i++;
      continue;
    }
    const para: string[] = [];
    for (; i < lines.length && lines[i].trim() && !/^(#{1,6}\s|```|\s*\||\s*[-*]\s)/.test(lines[i]); i++) para.push(lines[i]);
    if (para.length === 0) para.push(lines[i++]);
    blocks.push({ kind: 'paragraph', text: para.join(' ') });
  }
  return blocks;
}

/** `code`, **bold** and [text](url) inside a line. */
export function Inline({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text))) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (m[1] !== undefined) parts.push(<code key={m.index} className="rounded bg-stone-100 px-1 py-0.5 text-[0.9em] [overflow-wrap:anywhere]">{m[1]}</code>);
    else if (m[2] !== undefined) parts.push(<strong key={m.index}>{m[2]}</strong>);
    else {
      const href = /^(https?:|\/|#)/.test(m[4]) ? m[4] : `#${slug(m[4])}`;
      parts.push(<a key={m.index} href={href} className="text-accent hover:underline">{m[3]}</a>);
    }
    last = pattern.lastIndex;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts.map((p, i) => <Fragment key={i}>{p}</Fragment>)}</>;
}

const headingClass: Record<number, string> = { 1: 'text-2xl font-semibold', 2: 'mt-8 text-xl font-semibold', 3: 'mt-6 text-base font-semibold' };

export function Markdown({ source }: { source: string }) {
  return (
    <div className="space-y-4 text-sm leading-relaxed text-stone-700">
      {parseMarkdown(source).map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            const Tag = `h${Math.min(b.level, 4)}` as 'h1' | 'h2' | 'h3' | 'h4';
            return <Tag key={i} id={b.id} className={`scroll-mt-4 text-stone-900 ${headingClass[b.level] ?? 'mt-4 font-semibold'}`}><Inline text={b.text} /></Tag>;
          }
          case 'paragraph':
            return <p key={i}><Inline text={b.text} /></p>;
          case 'list':
            return <ul key={i} className="list-disc space-y-1 pl-5">{b.items.map((t, j) => <li key={j}><Inline text={t} /></li>)}</ul>;
          case 'code':
            return <pre key={i} className="overflow-x-auto rounded-lg bg-stone-900 p-4 text-xs text-stone-100"><code>{b.text}</code></pre>;
          case 'table':
            return (
              <div key={i} className="overflow-x-auto">
                <table className="w-full rounded-lg border border-stone-200 bg-white text-left text-xs">
                  <thead className="bg-stone-50 text-stone-500"><tr>{b.head.map((h, j) => <th key={j} className="px-3 py-2 font-medium"><Inline text={h} /></th>)}</tr></thead>
                  <tbody className="divide-y divide-stone-200">
                    {b.rows.map((r, j) => <tr key={j}>{r.map((c, k) => <td key={k} className="px-3 py-2 align-top"><Inline text={c} /></td>)}</tr>)}
                  </tbody>
                </table>
              </div>
            );
        }
      })}
    </div>
  );
}
