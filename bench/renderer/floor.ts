// The static floor both the bench and the profiler measure against: 40 plain rows in a scroller the size
// of the board, scrolled the same way. What the browser itself costs here (CPU share, software raster).

/** The page; `attrs` names the scroller for the scroll loop (e.g. `id="b"`). */
export function floorHtml(attrs: string): string {
  const row = (i: number): string =>
    `<div style="position:absolute;top:0;transform:translateY(${i * 40}px);height:40px;width:100%;display:grid;grid-template-columns:repeat(8,1fr);align-items:center;border-bottom:1px solid #ddd">` +
    Array.from({ length: 8 }, (_, j) => `<span>Room ${i} cell ${j}</span>`).join('') +
    '</div>';
  return (
    `<div ${attrs} tabindex="0" style="height:900px;overflow:auto;contain:strict;position:relative;font:14px system-ui"><div style="height:440000px;position:relative">` +
    Array.from({ length: 40 }, (_, i) => row(i)).join('') +
    '</div></div>'
  );
}
