extension ReviewPage {
    static let style = """
        :root { --link: #1b7f3b; --review: #a86400; --rejected: #b3261e; --line: #d0d4da; --differ: #fff1c2; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 14px/1.4 system-ui, sans-serif; color: #1d1f23; background: #f6f7f9; }
        header {
          display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; padding: 10px 16px;
          background: #fff; border-bottom: 1px solid var(--line);
        }
        h1 { font-size: 16px; margin: 0; }
        h1 span { font-weight: normal; color: #555; }
        #filters { display: flex; gap: 14px; flex-wrap: wrap; }
        #filters input { width: 5em; }
        main { display: grid; grid-template-columns: 300px 1fr; height: calc(100vh - 96px); }
        nav { overflow-y: auto; border-right: 1px solid var(--line); background: #fff; }
        #list { list-style: none; margin: 0; padding: 0; }
        #list li { padding: 6px 10px; border-bottom: 1px solid #eef0f3; cursor: pointer; }
        #list li.current { background: #e3ecfb; }
        #list li .names { display: block; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        #list li .meta { color: #666; font-size: 12px; }
        #pager { padding: 8px 10px; display: flex; gap: 8px; align-items: center; }
        .band { display: inline-block; padding: 0 6px; border-radius: 8px; color: #fff; font-size: 12px; }
        .band.link { background: var(--link); }
        .band.review { background: var(--review); }
        .band.rejected, .band.distinct { background: var(--rejected); }
        .decided { color: var(--link); }
        .undecided { color: var(--review); }
        table.records th.row-side, table.records td.row-side { background: #eef4ff; }
        table.records th.chosen { box-shadow: inset 0 0 0 2px var(--link); }
        #group { overflow: auto; padding: 14px 18px; }
        .actions { display: flex; gap: 8px; margin: 8px 0 12px; }
        button {
          font: inherit; padding: 3px 10px; border: 1px solid #9aa3ad; border-radius: 4px; background: #fff;
          cursor: pointer;
        }
        button:hover { background: #eef2f7; }
        button:disabled { opacity: .5; cursor: default; }
        table.records { border-collapse: collapse; background: #fff; min-width: 60%; }
        table.records th, table.records td {
          border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; text-align: left;
        }
        table.records th.field { background: #f0f2f5; width: 9em; }
        table.records th.survivor, table.records td.survivor { box-shadow: inset 0 0 0 2px var(--link); }
        table.records td.differs { background: var(--differ); }
        table.records td.pickable { cursor: pointer; }
        table.records td.kept { font-weight: 600; }
        table.records td.kept::after { content: " \\2713"; color: var(--link); }
        .survivor-mark { color: var(--link); font-weight: 600; }
        .outcomes { margin: 12px 0; }
        .pair { margin: 10px 0; padding: 8px 10px; background: #fff; border: 1px solid var(--line); }
        .evidence { display: grid; grid-template-columns: 16em 1fr 5em; gap: 2px 8px; align-items: center; }
        .bar { height: 10px; border-radius: 2px; }
        .bar.for { background: var(--link); }
        .bar.against { background: var(--rejected); }
        .reasons { color: #555; }
        footer {
          position: fixed; bottom: 0; left: 0; right: 0; padding: 4px 16px; font-size: 12px; color: #555;
          background: #fff; border-top: 1px solid var(--line);
        }
        #message {
          position: fixed; right: 16px; bottom: 32px; padding: 6px 12px; background: #1d1f23; color: #fff;
          border-radius: 4px; display: none;
        }
        #message.shown { display: block; }
        .hint { color: #666; }
        """
}
