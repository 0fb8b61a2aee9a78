'use client';
// The mixing grid as a labelled table. The worker renders one PNG: a blank corner, the column
// sources along the top, the row sources down the left and the mixes inside. Each cell here
// shows its square of that PNG, so sources are thumbnails and every row and column is named.

export type RenderedGrid = { url: string; cell: number; labels: string[]; rowsGive: string };

const SIZE = 88; // px per cell on screen (the PNG is scaled smoothly)

function Tile({ grid, x, y, alt, testId }: { grid: RenderedGrid; x: number; y: number; alt: string; testId?: string }) {
  const n = grid.labels.length + 1;
  return (
    <div
      role="img"
      aria-label={alt}
      data-testid={testId}
      className="rounded-sm bg-stone-100"
      style={{
        width: SIZE,
        height: SIZE,
        backgroundImage: `url(${grid.url})`,
        backgroundSize: `${n * SIZE}px ${n * SIZE}px`,
        backgroundPosition: `-${x * SIZE}px -${y * SIZE}px`,
      }}
    />
  );
}

export function MixGrid({ grid }: { grid: RenderedGrid }) {
  const { labels, rowsGive } = grid;
  return (
    <figure className="space-y-2" data-testid="mix-grid">
      <figcaption className="text-sm text-stone-600">
        Each column keeps its source; each row gives its <strong>{rowsGive}</strong> layers to every column. Native size {grid.cell} px per face.
      </figcaption>
      <div className="overflow-x-auto pb-2">
        <table className="border-separate border-spacing-1 text-xs">
          <thead>
            <tr>
              <th scope="col" className="p-1 text-left align-bottom font-normal text-stone-500">rows give {rowsGive} →<br />columns keep the rest ↓</th>
              {labels.map((label, x) => (
                <th key={x} scope="col" className="max-w-[88px] p-0 align-bottom font-medium" data-testid="mix-grid-column">
                  <span className="block truncate" title={label}>{label}</span>
                  <Tile grid={grid} x={x + 1} y={0} alt={`Column source: ${label}`} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((rowLabel, y) => (
              <tr key={y}>
                <th scope="row" className="p-0 text-left align-middle font-medium" data-testid="mix-grid-row">
                  <div className="flex items-center gap-1">
                    <Tile grid={grid} x={0} y={y + 1} alt={`Row source: ${rowLabel}`} />
                    <span className="block max-w-[88px] truncate" title={rowLabel}>{rowLabel}</span>
                  </div>
                </th>
                {labels.map((colLabel, x) => (
                  <td key={x} className="p-0">
                    <Tile grid={grid} x={x + 1} y={y + 1} alt={`${colLabel} with the ${rowsGive} layers of ${rowLabel}`} testId="mix-grid-cell" />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
