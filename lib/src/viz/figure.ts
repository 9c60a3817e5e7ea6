/**
 * A Plotly figure as plain data. Plot builders in `viz/` are pure: they return a Figure and never show it;
 * `show(figure)` (display/) is the separate step that sends it to the notebook.
 */
export interface Figure {
  data: Array<Record<string, unknown>>;
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  frames?: Array<Record<string, unknown>>;
}

/** The project's categorical colour sequence (colour-blind friendly, Okabe–Ito then Tableau). */
export const PALETTE = [
  '#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000',
  '#4E79A7', '#F28E2B', '#59A14F', '#E15759', '#B07AA1', '#76B7B2', '#EDC948', '#9C755F',
];

/** The base layout every builder starts from. */
export function baseLayout(title?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: title ? { text: title } : undefined,
    template: 'plotly_white',
    font: { family: 'Inter, Segoe UI, Helvetica, Arial, sans-serif', size: 13 },
    margin: { l: 60, r: 20, t: title ? 50 : 20, b: 50 },
    ...extra,
  };
}
