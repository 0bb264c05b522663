import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";

// One light DOM for the process: Plot only creates detached elements in it, so it can be shared.
const { document } = parseHTML("<!doctype html><html><head></head><body></body></html>");

/**
 * Renders Plot options to an SVG string on the server, so a chart is readable without
 * JavaScript and in print; the browser re-renders the same options for tooltips.
 */
export function renderPlotSvg(options: Plot.PlotOptions): string {
  const element = Plot.plot({ ...options, document: document as unknown as Document });
  return element.outerHTML;
}
