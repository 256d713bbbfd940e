/// The page reviewing an import run's conflicts: each row left alone beside the records it was
/// matched to, with the evidence, and the three ways to decide it. Shares the merge review's
/// style, helpers and server; only the layout and the decisions differ.
enum ConflictReviewPage {
    static let html = ReviewPage.layout(
        title: "crmkit review: conflicts", filters: "", hint: "Choose a conflict.",
        keys: """
            j/k next/previous conflict &middot; c create a new record &middot; 1&ndash;9 update that candidate
              &middot; s skip &middot; n back to undecided &middot; u undo
            """)

    /// Served after `ReviewPage.commonScript`.
    static let script = #"""
        const state = { offset: 0, total: 0, items: [], current: null, conflict: null, count: 0 };

        const listPage = {
          path: "/api/conflicts", key: "step", noun: "conflicts", count: () => state.count,
          query: () => {
            const query = new URLSearchParams();
            const decided = $("decided").value;
            if (decided !== "") query.set("decided", decided);
            return query;
          },
          undone: (answer) => ({ key: answer.conflict.step, label: "line " + answer.conflict.row }),
        };

        function renderList() {
          $("list").replaceChildren(...state.items.map((item) => el("li", {
              "data-step": item.step, class: item.step === state.current ? "current" : "",
              onclick: () => show(item.step) },
            el("span", { class: "names" }, item.name),
            el("span", { class: "meta" }, "line " + item.line + " \u00b7 " + item.candidates + " candidate" +
               (item.candidates === 1 ? "" : "s") + " \u00b7 ",
               el("span", { class: item.decision === "undecided" ? "undecided" : "decided" }, item.decision)))));
        }

        async function show(step) {
          const answer = await call("/api/conflicts/" + step);
          state.current = step;
          state.conflict = answer.conflict;
          $("undo").disabled = !answer.canUndo;
          renderList();
          renderConflict();
          const row = document.querySelector('#list li[data-step="' + step + '"]');
          if (row) row.scrollIntoView({ block: "nearest" });
        }

        function text(value) {
          if (value === undefined || value === null) return "";
          if (Array.isArray(value)) return value.map(text).filter((t) => t !== "").join(", ");
          if (typeof value === "object") return value.value !== undefined ? text(value.value) :
            Object.values(value).map(text).filter((t) => t !== "").join(" ");
          return String(value);
        }

        const fields = [["name", "Name"], ["email", "E-mails"], ["phone", "Phones"],
          ["organization", "Organization"], ["jobTitle", "Job title"], ["address", "Address"],
          ["website", "Website"], ["createdOn", "Created"], ["id", "CRM id"]];

        function renderConflict() {
          const conflict = state.conflict;
          const decision = conflict.decision;
          const chosen = (reference) => decision === "update " + reference;
          const header = el("tr", {}, el("th", { class: "field" }, "Field"),
            el("th", { class: "row-side" + (decision === "create" ? " chosen" : "") }, "from " + conflict.row),
            conflict.candidates.map((candidate, index) =>
              el("th", { class: chosen(candidate.reference) ? "chosen" : "", "data-candidate": candidate.reference },
                (index + 1) + ". " + (/^line /.test(candidate.reference) ? "earlier row, " : "record ") +
                  candidate.reference + " ",
                chosen(candidate.reference) ? el("span", { class: "survivor-mark" }, "update this one") :
                  el("button", { type: "button", class: "update", disabled: conflict.applied ? "" : null,
                                 onclick: () => decide("update " + candidate.reference) },
                     "update this one (" + (index + 1) + ")"))));
          const shown = fields.filter(([key]) => text(conflict.fields[key]) !== "" ||
            conflict.candidates.some((c) => text(c.fields[key]) !== ""));
          const body = shown.map(([key, label]) => {
            const rowText = text(conflict.fields[key]);
            return el("tr", { "data-field": key }, el("th", { class: "field" }, label),
              el("td", { class: "row-side" }, rowText),
              conflict.candidates.map((candidate) => {
                const value = text(candidate.fields[key]);
                const differs = key !== "id" && key !== "createdOn" && value !== rowText;
                return el("td", { class: differs ? "differs" : "", "data-candidate": candidate.reference }, value);
              }));
          });
          const evidenceBlocks = conflict.candidates.map((candidate, index) => el("div", { class: "pair" },
            el("div", {}, (index + 1) + ". " + (/^line /.test(candidate.reference) ? "earlier row, " : "record ") +
               candidate.reference + " \u00b7 ",
               el("span", { class: "band " + candidate.band }, candidate.band),
               " \u00b7 probability " + candidate.probability.toFixed(4)),
            evidence(candidate),
            candidate.reasons.length ? el("div", { class: "reasons" }, candidate.reasons.join("; ")) : null));
          const locked = conflict.applied ? "" : null;
          $("group").replaceChildren(
            el("h2", {}, "Row " + conflict.row + " ",
               el("span", { class: decision === "undecided" ? "undecided" : "decided", id: "decision" }, decision),
               conflict.applied ? el("span", { class: "hint" }, " (applied by runs resume; roll back to change)")
                 : null),
            el("div", { class: "actions" },
              el("button", { type: "button", id: "create", disabled: locked, onclick: () => decide("create") },
                 "Create new (c)"),
              el("button", { type: "button", id: "skip", disabled: locked, onclick: () => decide("skip") },
                 "Skip (s)"),
              el("button", { type: "button", id: "undecided", disabled: locked, onclick: () => decide("undecided") },
                 "Undecided (n)")),
            el("table", { class: "records" }, el("thead", {}, header), el("tbody", {}, body)),
            el("h3", {}, "Evidence"), ...evidenceBlocks);
        }

        async function decide(decision) {
          if (!state.conflict) return;
          try {
            const answer = await call("/api/decisions", { step: state.conflict.step, decision });
            state.conflict = answer.conflict;
            $("undo").disabled = !answer.canUndo;
            renderConflict();
            await loadList();
            if (decision !== "undecided") await move(1);
          } catch (error) {
            say(error.message);
          }
        }

        document.addEventListener("keydown", (event) => {
          if (listKey(event) || !state.conflict) return;
          const key = event.key;
          if (key === "c") decide("create");
          else if (key === "s") decide("skip");
          else if (key === "n") decide("undecided");
          else if (/^[1-9]$/.test(key)) {
            const candidate = state.conflict.candidates[Number(key) - 1];
            if (candidate) decide("update " + candidate.reference);
          }
        });

        async function start() {
          const run = await call("/api/run");
          state.count = run.conflicts;
          $("file").textContent = run.file + " (" + run.entity + ")";
          await startList(run.canUndo);
        }

        start().catch((error) => say(error.message));
        """#
}
