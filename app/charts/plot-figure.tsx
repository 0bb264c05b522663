import * as Plot from "@observablehq/plot";
import { useEffect, useRef } from "react";

/**
 * Shows the server-rendered SVG (readable without JavaScript and in print), then, in the
 * browser, re-renders the same options with Plot so the pointer tooltips work. The server
 * SVG is hidden, not removed, so the cleanup can bring it back.
 */
export function PlotFigure({
  svg,
  options,
  label,
  describedBy,
}: {
  svg: string;
  options: Plot.PlotOptions;
  label: string;
  describedBy?: string;
}) {
  const serverRef = useRef<HTMLDivElement>(null);
  const clientRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = clientRef.current;
    const server = serverRef.current;
    if (!host || !server) return;
    const plot = Plot.plot(options);
    host.append(plot);
    server.hidden = true;
    return () => {
      plot.remove();
      server.hidden = false;
    };
  }, [options]);

  return (
    <div className="cs-plot" role="img" aria-label={label} aria-describedby={describedBy}>
      {/* The figure speaks through its label and summary; Plot's own aria-labels on <g> would only add noise. */}
      <div ref={serverRef} aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
      <div ref={clientRef} aria-hidden="true" />
    </div>
  );
}
