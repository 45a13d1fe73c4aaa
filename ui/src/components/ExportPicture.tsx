//! The picture of a Mermaid or DOT export, drawn by the tools that own those formats: mermaid, in
//! a hidden frame of its own (`mermaidFrame.ts` says why), and Graphviz compiled to WebAssembly,
//! both loaded only when the Export dialog first shows one. The SVG is shown as an image, so
//! nothing in it can run or reach the page.

import { useEffect, useState } from 'react';
import type { PictureAnswer, PictureRequest } from '../mermaidFrame';

let graphvizReady: Promise<import('@hpcc-js/wasm-graphviz').Graphviz> | undefined;
let frameReady: Promise<HTMLIFrameElement> | undefined;
let asked = 0;

/** The hidden frame that draws Mermaid pictures (see `mermaidFrame.ts`), created on first use. */
function mermaidFrame(): Promise<HTMLIFrameElement> {
  frameReady ??= new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.src = 'mermaid.html';
    frame.title = 'Mermaid drawing';
    frame.setAttribute('aria-hidden', 'true');
    frame.style.cssText = 'position:absolute;width:1200px;height:800px;left:-10000px;top:0;border:0;visibility:hidden';
    const ready = (event: MessageEvent<PictureAnswer>) => {
      if (event.source !== frame.contentWindow || !('ready' in event.data)) return;
      window.removeEventListener('message', ready);
      resolve(frame);
    };
    window.addEventListener('message', ready);
    document.body.appendChild(frame);
  });
  return frameReady;
}

async function drawMermaid(text: string): Promise<string> {
  const frame = await mermaidFrame();
  asked += 1;
  const id = asked;
  return new Promise((resolve, reject) => {
    const answer = (event: MessageEvent<PictureAnswer>) => {
      if (event.source !== frame.contentWindow || !('id' in event.data) || event.data.id !== id) return;
      window.removeEventListener('message', answer);
      if ('svg' in event.data) resolve(event.data.svg);
      else reject(new Error(event.data.error));
    };
    window.addEventListener('message', answer);
    frame.contentWindow!.postMessage({ id, text } satisfies PictureRequest, window.location.origin);
  });
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
