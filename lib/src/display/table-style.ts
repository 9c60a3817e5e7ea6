/**
 * The stylesheet of `showTable` output, scoped to `.seglab-table` and carried by each table output so the same
 * table reads the same in Jupyter and in the HTML report: a scroll frame (horizontal and, past 75 % of the window
 * height, vertical) with a sticky header and first column, text left and numbers right in tabular figures, and the
 * "show all rows" fold (a checkbox and its label, no script needed).
 */
export const TABLE_CSS = [
  '.seglab-table{margin:6px 0;max-width:100%}',
  '.seglab-table .seglab-scroll{overflow:auto;width:fit-content;max-width:100%;max-height:75vh;border:1px solid #eaeef2;border-radius:4px}',
  '.seglab-table table.dataframe{border-collapse:separate;border-spacing:0;font-size:12.5px;margin:0;width:auto}',
  '.seglab-table table.dataframe th,.seglab-table table.dataframe td{border:0;border-bottom:1px solid #eaeef2;padding:3px 6px;text-align:left;vertical-align:top;background:#fff;color:inherit}',
  '.seglab-table table.dataframe td.text{white-space:normal;min-width:6em;max-width:30em;overflow-wrap:anywhere}',
  '.seglab-table table.dataframe td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}',
  '.seglab-table table.dataframe th.num{text-align:right}',
  '.seglab-table table.dataframe thead th{position:sticky;top:0;z-index:2;background:#f6f8fa;border-bottom:2px solid #d1d9e0;vertical-align:bottom;white-space:normal;max-width:9em;font-weight:600}',
  '.seglab-table table.dataframe tr>:first-child{position:sticky;left:0;z-index:1;border-right:1px solid #eaeef2}',
  '.seglab-table table.dataframe thead tr>:first-child{z-index:3}',
  '.seglab-table table.dataframe tbody th{font-weight:600;white-space:nowrap}',
  '.seglab-table table.dataframe tbody tr:hover>*{background:#f5f9ff}',
  '.seglab-table table.dataframe tr.gap td{text-align:center;color:#59636e;font-style:italic}',
  '.seglab-table table.dataframe td.blank{color:#8c959f}',
  '.seglab-table table.sortable thead th{cursor:pointer}',
  '.seglab-table table.sortable thead th::after{content:" ⇅";color:#aab;font-size:10px;font-weight:400}',
  '.seglab-table .seglab-caption{font-weight:600;font-size:13px;padding:4px 0}',
  '.seglab-table .seglab-table-foot{color:#59636e;font-size:12px;padding:3px 0}',
  '.seglab-table .seglab-table-foot>*+*::before{content:" · ";display:inline-block;white-space:pre;text-decoration:none}',
  '.seglab-table input.seglab-fold{display:none}',
  '.seglab-table input.seglab-fold:not(:checked)~.seglab-scroll tr.folded{display:none}',
  '.seglab-table label.seglab-show{color:#0072B2;cursor:pointer;text-decoration:underline}',
  '.seglab-table input.seglab-fold:checked~.seglab-table-foot .seglab-show-all,.seglab-table input.seglab-fold:not(:checked)~.seglab-table-foot .seglab-show-first{display:none}',
].join('\n');
