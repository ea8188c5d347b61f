package io.coinlake.monitor;

/** The style sheet inlined into every report page and the index (system fonts only: nothing to download). */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS = """
      :root { --bad: #c0392b; --bad-bg: #fdecea; --good: #2e8b57; --good-bg: #e9f6ee; --na: #6b7280; --na-bg: #f1f2f4;
              --ref: #4c78a8; --cur: #f58518; --line: #e3e5e8; }
      * { box-sizing: border-box; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: #1f2328;
             margin: 0 auto; padding: 20px 28px 40px; max-width: 1240px; background: #fff; }
      h1 { font-size: 24px; margin: 0 0 6px; }
      h2 { font-size: 18px; margin: 30px 0 10px; padding-top: 8px; border-top: 1px solid var(--line); }
      .sub, .note, footer { color: #57606a; }
      .note { font-size: 13px; margin: 6px 0; }
      .warn { font-size: 13px; margin: 8px 0 0; padding: 6px 10px; background: #fff8e1; border-left: 4px solid #e0a800; }
      code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #f3f4f6; padding: 1px 4px; border-radius: 3px; }
      .verdicts { display: grid; grid-template-columns: repeat(auto-fit, minmax(250px, 1fr)); gap: 14px; margin: 18px 0 8px; }
      .card { border-radius: 8px; padding: 12px 16px; border-left: 6px solid; }
      .card .label { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: #57606a; }
      .card .value { font-size: 26px; font-weight: 700; margin: 2px 0 4px; }
      .card .detail { font-size: 13px; }
      .card.bad { background: var(--bad-bg); border-color: var(--bad); } .card.bad .value { color: var(--bad); }
      .card.good { background: var(--good-bg); border-color: var(--good); } .card.good .value { color: var(--good); }
      .card.na { background: var(--na-bg); border-color: var(--na); } .card.na .value { color: var(--na); }
      .drifted { font-size: 15px; margin: 10px 0 0; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
      th { background: #f6f8fa; font-weight: 600; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      tr.drift td { background: var(--bad-bg); }
      tr.cv td { color: #57606a; font-style: italic; }
      table.quality td[rowspan] { font-weight: 600; vertical-align: top; background: #fff; }
      a { color: #0969da; text-decoration: none; } a:hover { text-decoration: underline; }
      .badge { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; }
      .badge.bad { background: var(--bad); } .badge.good { background: var(--good); } .badge.na { background: var(--na); }
      .grid { display: flex; flex-wrap: wrap; gap: 14px; align-items: flex-start; }
      figure { margin: 0; padding: 8px 10px 4px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
      figure.drift { border-color: var(--bad); box-shadow: inset 0 3px 0 var(--bad); }
      figure.wide { margin-bottom: 8px; }
      figcaption { font-size: 13px; margin-bottom: 2px; }
      figcaption .score { color: #57606a; font-size: 12px; float: right; margin-left: 10px; }
      svg.chart { display: block; max-width: 100%; height: auto; }
      .key { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: middle; }
      .key.ref { background: var(--ref); } .key.cur { background: var(--cur); }
      footer { margin-top: 36px; font-size: 12px; border-top: 1px solid var(--line); padding-top: 10px; }
      """;
}
