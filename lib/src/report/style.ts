/** The stylesheet of the HTML reports (tables, code, outputs, persona cards), embedded in every page. */
export const REPORT_CSS = `
:root { --fg:#1f2328; --muted:#59636e; --border:#d1d9e0; --bg-code:#f6f8fa; --accent:#0072B2; --bad:#b42318; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.55 Inter, "Segoe UI", Helvetica, Arial, sans-serif; color:var(--fg); background:#fff; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 80px; }
header.report { border-bottom: 1px solid var(--border); margin-bottom: 18px; padding-bottom: 10px; }
header.report .meta { color: var(--muted); font-size: 13px; }
header.report .meta span + span::before { content: " · "; }
nav.crumbs { font-size: 13px; margin-bottom: 6px; } nav.crumbs a { color: var(--accent); text-decoration: none; }
h1, h2, h3 { line-height: 1.25; } h1 { font-size: 30px; } h2 { font-size: 23px; margin-top: 34px; border-bottom: 1px solid #eaeef2; padding-bottom: 4px; }
a { color: var(--accent); }
.cell { margin: 10px 0; }
.cell.code .input { position: relative; }
.cell.code .input pre { margin: 0; padding: 10px 12px; background: var(--bg-code); border: 1px solid var(--border); border-radius: 6px; overflow-x: auto; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
.cell.code .input .prompt { position: absolute; left: -54px; top: 9px; width: 48px; text-align: right; color: var(--muted); font: 12px monospace; }
.output { margin: 6px 0 0; overflow-x: auto; }
.output pre { margin: 0; padding: 6px 2px; font-size: 13px; white-space: pre-wrap; word-break: break-word; }
.output.stderr pre { background: #fff5f5; color: #7a271a; padding: 6px 10px; border-radius: 6px; }
.output.error pre { background: #fff0f0; color: var(--bad); padding: 8px 10px; border-left: 3px solid var(--bad); }
.failed-banner { background: #fff0f0; border: 1px solid #f3b3ad; color: var(--bad); padding: 10px 14px; border-radius: 6px; margin: 12px 0; white-space: pre-wrap; font-family: monospace; font-size: 13px; }
.cell.failed .input pre { border-color: var(--bad); }
.cell.markdown, .output.markdown { overflow-x: auto; }
.markdown table { border-collapse: collapse; font-size: 13px; margin: 6px 0; }
.markdown th, .markdown td { border-bottom: 1px solid #eaeef2; padding: 4px 10px; text-align: left; }
.markdown thead th { border-bottom: 2px solid var(--border); background: #fafbfc; }
.seglab-figure { width: 100%; min-height: 200px; }
.markdown code, .output code { background: var(--bg-code); padding: 1px 4px; border-radius: 4px; font-size: 90%; }
.markdown pre code { background: none; padding: 0; }
.markdown pre { background: var(--bg-code); padding: 10px 12px; border-radius: 6px; overflow-x: auto; }
.markdown blockquote { margin: 8px 0; padding: 2px 14px; border-left: 4px solid var(--border); color: var(--muted); }
details.solution { border: 1px dashed var(--border); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
details.solution summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.persona-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; margin: 10px 0; }
.persona-card { border: 1px solid var(--border); border-radius: 10px; padding: 12px 16px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
.persona-card h3 { margin: 4px 0 2px; } .persona-card .share { color: var(--muted); font-size: 13px; }
.persona-card ul { padding-left: 18px; margin: 6px 0; }
ul.index { list-style: none; padding: 0; } ul.index li { padding: 10px 0; border-bottom: 1px solid #eaeef2; }
ul.index .status-ok { color: #1a7f37; } ul.index .status-bad { color: var(--bad); } ul.index .small { color: var(--muted); font-size: 13px; }
.ansi-bold { font-weight: bold; }
@media (max-width: 1190px) { .cell.code .input .prompt { position: static; display: block; width: auto; text-align: left; margin-bottom: 2px; } }
@media print { .cell.code .input .prompt { display: none; } main { max-width: none; } }
`;
