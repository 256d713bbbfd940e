extension ReviewPage {
    /// What both review pages use: element building with textContent (never innerHTML, so names
    /// from the CRM or a file cannot inject markup), messages, API calls, and evidence bars.
    static let commonScript = #"""
        "use strict";
        const $ = (id) => document.getElementById(id);

        function el(tag, attributes, ...children) {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attributes || {})) {
            if (value === null || value === undefined) continue;
            if (key === "class") node.className = value;
            else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value);
          }
          for (const child of children.flat(Infinity)) {
            if (child === null || child === undefined) continue;
            const text = typeof child === "string" || typeof child === "number";
            node.append(text ? document.createTextNode(String(child)) : child);
          }
          return node;
        }

        function say(text) {
          const box = $("message");
          box.textContent = text;
          box.classList.add("shown");
          clearTimeout(say.timer);
          say.timer = setTimeout(() => box.classList.remove("shown"), 3000);
        }

        async function call(path, body) {
          const options = body === undefined ? {} :
            { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
          const response = await fetch(path, options);
          if (!response.ok) throw new Error(await response.text());
          return response.json();
        }

        // The list both pages page through. Each page's script defines `state` ({ offset, total, items,
        // current }) and `listPage`: the API path of the list, what names an item (`key`), the noun
        // for the count, the filter query, how many there are in all, what an undo answered, and
        // `renderList` and `show(key)`.
        const pageSize = 100;

        async function loadList(select) {
          const query = listPage.query();
          query.set("offset", state.offset);
          query.set("limit", pageSize);
          const page = await call(listPage.path + "?" + query);
          state.total = page.total;
          state.items = page.items;
          $("counts").textContent = page.left + " of " + listPage.count() + " " + listPage.noun +
            " left to decide; " + page.total + " shown by the filter";
          $("range").textContent = page.total === 0 ? "none" :
            (page.offset + 1) + "\u2013" + (page.offset + page.items.length) + " of " + page.total;
          $("previous").disabled = state.offset === 0;
          $("next").disabled = state.offset + pageSize >= page.total;
          renderList();
          if (select === "first" && state.items.length) await show(state.items[0][listPage.key]);
          if (select === "last" && state.items.length) await show(state.items[state.items.length - 1][listPage.key]);
        }

        async function move(step) {
          const index = state.items.findIndex((item) => item[listPage.key] === state.current);
          const next = index + step;
          if (next >= 0 && next < state.items.length) return show(state.items[next][listPage.key]);
          if (step > 0 && state.offset + pageSize < state.total) { state.offset += pageSize; return loadList("first"); }
          if (step < 0 && state.offset > 0) {
            state.offset = Math.max(0, state.offset - pageSize);
            return loadList("last");
          }
        }

        async function undo() {
          try {
            const answer = await call("/api/undo", {});
            await loadList();
            const undone = listPage.undone(answer);
            await show(undone.key);
            say("Undone: " + undone.label);
          } catch (error) {
            say(error.message);
          }
        }

        // The keys both pages share: j/k move, u and Ctrl-Z undo. True when the key was one of them,
        // or was typed into a form field (left to it).
        function listKey(event) {
          if (event.target.closest("input, select, textarea") || event.altKey || event.metaKey) return true;
          if (event.ctrlKey) { if (event.key === "z") { event.preventDefault(); undo(); } return true; }
          if (event.key === "j") move(1);
          else if (event.key === "k") move(-1);
          else if (event.key === "u") undo();
          else return false;
          return true;
        }

        // The undo button, the paging buttons and the filters, then the first page.
        async function startList(canUndo) {
          $("undo").disabled = !canUndo;
          $("undo").addEventListener("click", undo);
          $("previous").addEventListener("click", () => {
            state.offset = Math.max(0, state.offset - pageSize);
            loadList("first");
          });
          $("next").addEventListener("click", () => { state.offset += pageSize; loadList("first"); });
          $("filters").addEventListener("change", () => { state.offset = 0; loadList("first"); });
          $("filters").addEventListener("submit", (event) => event.preventDefault());
          await loadList("first");
        }

        function evidence(pair) {
          const lines = [...(pair.evidenceFor || []).map((t) => [t, "for"]),
                         ...(pair.evidenceAgainst || []).map((t) => [t, "against"])];
          const parsed = lines.map(([text, side]) => {
            const match = text.match(/^(.*) ([+-][0-9.]+)$/);
            return { label: match ? match[1] : text, weight: match ? parseFloat(match[2]) : 0, side };
          });
          const scale = Math.max(10, ...parsed.map((e) => Math.abs(e.weight)));
          return el("div", { class: "evidence" }, parsed.map((e) => {
            const bar = el("div", { class: "bar " + e.side });
            bar.style.width = (100 * Math.abs(e.weight) / scale) + "%";
            const weight = (e.weight > 0 ? "+" : "") + e.weight.toFixed(2);
            return [el("span", {}, e.label), el("div", {}, bar), el("span", {}, weight)];
          }));
        }

        """#

    /// The merge-plan page (served after `commonScript`): the list is fetched a page at a time;
    /// one group at a time is shown.
    static let script = #"""
        const state = { offset: 0, total: 0, items: [], current: null, group: null, entity: "", pickable: [] };

        const listPage = {
          path: "/api/groups", key: "group", noun: "groups", count: () => state.groupCount,
          query: () => {
            const query = new URLSearchParams();
            for (const name of ["band", "min", "max", "decided"]) {
              const value = $(name).value.trim();
              if (value !== "") query.set(name, value);
            }
            return query;
          },
          undone: (answer) => ({ key: answer.group.group, label: "group " + answer.group.group }),
        };

        function renderList() {
          const list = $("list");
          list.replaceChildren(...state.items.map((item) => el("li", {
              "data-group": item.group, class: item.group === state.current ? "current" : "",
              onclick: () => show(item.group) },
            el("span", { class: "names" }, item.names.join(" \u00b7 ")),
            el("span", { class: "meta" }, "#" + item.group + " ", el("span", { class: "band " + item.band }, item.band),
               " p " + item.probability.toFixed(3) + " \u00b7 " + item.members + " records",
               item.reviewed ? el("span", { class: "decided" }, " \u00b7 decided") : null))));
        }

        async function show(number) {
          const answer = await call("/api/groups/" + number);
          state.current = number;
          state.group = answer.group;
          state.pickable = answer.pickable;
          $("undo").disabled = !answer.canUndo;
          renderList();
          renderGroup();
          const row = document.querySelector('#list li[data-group="' + number + '"]');
          if (row) row.scrollIntoView({ block: "nearest" });
        }

        const rows = [
          ["name", "Name", (m) => m.name ? [m.name] : []],
          ["emails", "E-mails", (m) => m.emails],
          ["phones", "Phones", (m) => m.phones],
          ["organization", "Organization", (m) => m.organization ? [m.organization] : []],
          ["jobTitle", "Job title", (m) => m.jobTitle ? [m.jobTitle] : []],
          ["address", "Address", (m) => m.address ? [m.address] : []],
          ["createdOn", "Created", (m) => m.createdOn ? [m.createdOn] : []],
          ["updatedOn", "Updated", (m) => m.updatedOn ? [m.updatedOn] : []],
          ["id", "CRM id", (m) => [m.id]],
        ];

        function renderGroup() {
          const group = state.group;
          const survivor = group.members.find((m) => m.id === group.survivor);
          const band = group.band || "link";
          const header = el("tr", {}, el("th", { class: "field" }, "Field"), group.members.map((member, index) =>
            el("th", { class: member.id === group.survivor ? "survivor" : "", "data-member": member.id },
              (index + 1) + ". ",
              member.id === group.survivor ? el("span", { class: "survivor-mark" }, "survivor") :
                [el("button", { type: "button", class: "make-survivor",
                                onclick: () => decide("survivor", { member: member.id }) }, "keep this one"),
                 " ", el("button", { type: "button", class: "drop",
                                     onclick: () => decide("drop", { member: member.id }) }, "drop")])));
          const body = rows.map(([key, label, values]) => {
            const texts = group.members.map((member) => values(member).join(", "));
            const survivorText = survivor ? values(survivor).join(", ") : "";
            const differs = key !== "id" && new Set(texts.filter((t) => t !== "")).size > 1;
            const outcome = group.fields.find((f) => f.field === key);
            const pickable = state.pickable.includes(key);
            return el("tr", { "data-field": key }, el("th", { class: "field" }, label),
              group.members.map((member, index) => {
                const classes = [];
                if (member.id === group.survivor) classes.push("survivor");
                if (differs && texts[index] !== survivorText) classes.push("differs");
                if (pickable && texts[index] !== "") classes.push("pickable");
                if (outcome && outcome.from.includes(member.id) && outcome.rule === "reviewer") classes.push("kept");
                return el("td", { class: classes.join(" "), "data-member": member.id,
                  title: pickable && texts[index] !== "" ? "Click to keep this value" : "",
                  onclick: pickable && texts[index] !== ""
                    ? () => decide("keep", { member: member.id, field: key }) : null },
                  texts[index]);
              }));
          });
          const outcomes = group.fields.length === 0
            ? el("p", { class: "hint" }, "The survivor keeps its own values.")
            : el("ul", {}, group.fields.map((f) =>
                el("li", {}, el("b", {}, f.field), " \u2190 " + f.values.join(", ") + " (" + f.rule + ")")));
          const pairs = group.pairs.map((pair) => el("div", { class: "pair" },
            el("div", {}, pair.records.join(" \u2194 ") + " \u00b7 probability " + pair.probability.toFixed(4) +
              " \u00b7 weight " + pair.weight.toFixed(2) + " bits \u00b7 " + pair.decision),
            evidence(pair),
            pair.reasons.length ? el("div", { class: "reasons" }, pair.reasons.join("; ")) : null));
          $("group").replaceChildren(
            el("h2", {}, "Group " + group.group + " ", el("span", { class: "band " + band, id: "group-band" }, band),
               group.reviewed ? el("span", { class: "decided" }, " decided") : null),
            el("div", { class: "actions" },
              el("button", { type: "button", id: "accept", onclick: () => decide("accept") }, "Accept (a)"),
              el("button", { type: "button", id: "reject", onclick: () => decide("reject") }, "Reject (r)"),
              el("span", { class: "hint" }, "survivor: " + group.survivor + " (" + group.survivorRule + ")")),
            el("table", { class: "records" }, el("thead", {}, header), el("tbody", {}, body)),
            el("div", { class: "outcomes" }, el("h3", {}, "The survivor will get"), outcomes),
            el("h3", {}, "Evidence"), ...pairs);
        }

        async function decide(action, extra) {
          if (!state.group) return;
          try {
            const body = Object.assign({ action, group: state.group.group }, extra || {});
            const answer = await call("/api/decisions", body);
            state.group = answer.group;
            $("undo").disabled = !answer.canUndo;
            renderGroup();
            const advance = action === "accept" || action === "reject";
            await loadList();
            if (advance) await move(1);
          } catch (error) {
            say(error.message);
          }
        }

        function nextSurvivor() {
          const members = state.group.members;
          const index = members.findIndex((m) => m.id === state.group.survivor);
          return decide("survivor", { member: members[(index + 1) % members.length].id });
        }

        document.addEventListener("keydown", (event) => {
          if (listKey(event) || !state.group) return;
          const key = event.key;
          if (key === "a") decide("accept");
          else if (key === "r") decide("reject");
          else if (key === "s") nextSurvivor();
          else if (/^[1-9]$/.test(key)) {
            const member = state.group.members[Number(key) - 1];
            if (member) decide("survivor", { member: member.id });
          }
        });

        async function start() {
          const plan = await call("/api/plan");
          state.groupCount = plan.groups;
          $("file").textContent = plan.file + " (" + plan.entity + ")";
          await startList(plan.canUndo);
        }

        start().catch((error) => say(error.message));
        """#
}
