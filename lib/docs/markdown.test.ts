import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown';

describe('the docs Markdown reader', () => {
  it('reads headings, fenced code, pipe tables with escaped bars, lists and paragraphs', () => {
    const blocks = parseMarkdown(['# API (v1)', '', 'Some `code` and **bold**', 'on two lines.', '', '| a | b |', '|---|---|', '| `x \\| y` | 2 |', '', '- one', '- two', '', '```sh', 'curl -s x | jq .', '```'].join('\n'));
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'API (v1)', id: 'api-v1' },
      { kind: 'paragraph', text: 'Some `code` and **bold** on two lines.' },
      { kind: 'table', head: ['a', 'b'], rows: [['`x | y`', '2']] },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'code', lang: 'sh', text: 'curl -s x | jq .' },
    ]);
  });

  it('reads all of docs/api.md: every section heading and every table row keeps its columns', () => {
    const source = readFileSync('docs/api.md', 'utf8');
    const blocks = parseMarkdown(source);
    const headings = blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(source.split('\n').filter((l, i, all) => /^#{1,6}\s/.test(l) && all.slice(0, i).filter((x) => x.startsWith('```')).length % 2 === 0).map((l) => l.replace(/^#+\s+/, '')));
    for (const t of blocks.filter((b) => b.kind === 'table')) {
      const table = t as { head: string[]; rows: string[][] };
      for (const row of table.rows) expect(row.length).toBe(table.head.length);
    }
  });
});
