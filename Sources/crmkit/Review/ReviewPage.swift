/// The review page, embedded in the binary so it works offline and serves nothing from disk.
/// Plain HTML, CSS and JavaScript: no framework, no CDN. The script is in
/// `ReviewPageScript.swift`, the style in `ReviewPageStyle.swift`.
enum ReviewPage {
    static let html = layout(
        title: "crmkit review",
        filters: """
            <label>Band <select id="band"><option value="">any</option><option>link</option><option>review</option>
              <option>rejected</option></select></label>
            <label>Probability <input id="min" type="number" min="0" max="1" step="0.01" placeholder="0"> to
              <input id="max" type="number" min="0" max="1" step="0.01" placeholder="1"></label>
            """,
        hint: "Choose a group.",
        keys: """
            j/k next/previous group &middot; a accept &middot; r reject &middot; s next survivor &middot;
              1&ndash;9 make that record the survivor &middot; u undo &middot; click a value to keep it
            """)

    /// The page both reviews serve: header with counts, filters and undo, the list with its pager,
    /// the item shown, the keys, and a status line. The ids are the ones `commonScript` uses.
    static func layout(title: String, filters: String, hint: String, keys: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <link rel="stylesheet" href="/review.css">
        <script src="/review.js" defer></script>
        </head>
        <body>
        <header>
          <h1>crmkit review <span id="file"></span></h1>
          <div id="counts" aria-live="polite"></div>
          <form id="filters">
            \(filters)
            <label>Status <select id="decided"><option value="">any</option><option value="no">undecided</option>
              <option value="yes">decided</option></select></label>
          </form>
          <button id="undo" type="button" title="Undo the last decision (u)">Undo</button>
        </header>
        <main>
          <nav>
            <ol id="list"></ol>
            <div id="pager"><button id="previous" type="button">&larr;</button> <span id="range"></span>
              <button id="next" type="button">&rarr;</button></div>
          </nav>
          <section id="group"><p class="hint">\(hint)</p></section>
        </main>
        <footer>\(keys)</footer>
        <div id="message" role="status"></div>
        </body>
        </html>
        """
    }
}
