//! The picture of a Mermaid or DOT export, drawn by the tools that own those formats (mermaid and
//! Graphviz compiled to WebAssembly), loaded only when the Export dialog first shows one. The SVG
//! is shown as an image, so nothing in it can run or reach the page.

import { useEffect, useState } from 'react';

let mermaidReady: Promise<typeof import('mermaid').default> | undefined;
let graphvizReady: Promise<import('@hpcc-js/wasm-graphviz').Graphviz> | undefined;
let drawn = 0;

async function drawMermaid(text: string): Promise<string> {
  mermaidReady ??= import('mermaid').then(({ default: mermaid }) => {
    // Labels as SVG text, not HTML in foreignObject: an SVG shown as an image draws no HTML.
    mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', flowchart: { htmlLabels: false } });
    return mermaid;
  });
  const mermaid = await mermaidReady;
  drawn += 1;
  return (await mermaid.render(`wm-export-picture-${drawn}`, text)).svg;
}

async function drawDot(text: string): Promise<string> {
  graphvizReady ??= import('@hpcc-js/wasm-graphviz').then(({ Graphviz }) => Graphviz.load());
  return (await graphvizReady).dot(text);
}

export default function ExportPicture({ format, text }: { format: 'mermaid' | 'dot'; text: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setSvg(null);
    setError(null);
    (format === 'mermaid' ? drawMermaid(text) : drawDot(text)).then(
      (picture) => live && setSvg(picture),
      (e) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [format, text]);
  if (error) {
    return (
      <p className="wm-error-text" role="alert" data-testid="export-picture-error">
        The picture could not be drawn: {error}
      </p>
    );
  }
  if (!svg) return <p className="wm-muted">Drawing…</p>;
  return (
    <div className="wm-export__picture" data-testid="export-picture">
      <img alt={`The journey drawn from its ${format === 'mermaid' ? 'Mermaid' : 'DOT'} export`} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />
    </div>
  );
}
