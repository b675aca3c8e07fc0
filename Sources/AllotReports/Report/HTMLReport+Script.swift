import Allot
import PlanFormat

/// The page's one script: the what-if slider. Its data (the slider's series, as JSON escaped
/// for a script) comes first, then the code, which reads `#budget=LEVEL` from the address,
/// moves the slider and writes each team's and request's allocation at the chosen total into
/// the cells that carry `data-team` or `data-request` and `data-allocated`.
extension HTMLReport {
    /// The script text (without the tags), or nil when the report has no slider.
    static func script(_ report: StakeholderReport) -> HTML? {
        guard let slider = report.budgets?.slider else { return nil }
        return "const SLIDER = \(json: sliderData(slider, report));\n" + HTML(stringLiteral: sliderCode)
    }

    static func sliderData(_ slider: Slider, _ report: StakeholderReport) -> JSONValue {
        func series(_ series: Slider.Series) -> JSONValue {
            .object([("id", .string(series.id)), ("b", .array(series.budgets.map { .number($0) })), ("a", .array(series.amounts.map { .number($0) }))])
        }
        let axis = axis(slider)
        let f = report.format
        return .object([
            ("exact", .bool(slider.exact)),
            ("top", .number(slider.top)),
            ("bottom", .number(slider.bottom)),
            ("budget", .number(report.plan.budget.total ?? slider.top)),
            ("symbol", .string(f.symbol)),
            ("whole", .bool(Format.wholeUnitCurrencies.contains(report.plan.currency))),
            ("axis", .object([("x0", .number(Axis.left)), ("width", .number(axis.plotWidth)), ("low", .number(axis.low)), ("high", .number(axis.high))])),
            ("levels", .array(slider.levels.map { .number($0) })),
            ("values", .array(slider.values.map { .number($0) })),
            ("teams", .array(slider.teams.map(series))),
            ("requests", slider.requests.map { .array($0.map(series)) } ?? .null),
        ])
    }

    /// The slider's code. It mirrors ``Slider/read(budgets:amounts:at:exact:)``,
    /// ``BudgetLevel`` and ``Format/money(_:)``; `make check-browser` checks it in a browser.
    static let sliderCode = #"""
        (function () {
          "use strict";
          var D = SLIDER;
          var controls = document.getElementById("whatif-total");
          if (!controls) return;
          function significant(v, digits, maxDecimals) {
            if (v === 0) return "0";
            var magnitude = Math.floor(Math.log10(Math.abs(v)) + 1e-12);
            var decimals = Math.min(Math.max(0, digits - 1 - magnitude), maxDecimals);
            var text = v.toFixed(decimals);
            if (text.indexOf(".") >= 0) text = text.replace(/0+$/, "").replace(/\.$/, "");
            return text;
          }
          function money(x, digits) {
            digits = digits || 3;
            if (Math.abs(x) < (D.whole ? 0.5 : 0.005)) return D.symbol + "0";
            var v = Math.abs(x), scaled = v, suffix = "";
            if (v >= 999.5e9) { scaled = v / 1e12; suffix = "T"; }
            else if (v >= 999.5e6) { scaled = v / 1e9; suffix = "B"; }
            else if (v >= 999500) { scaled = v / 1e6; suffix = "M"; }
            else if (v >= 999.5) { scaled = v / 1e3; suffix = "k"; }
            var figure = suffix ? significant(scaled, digits, 99) : significant(v, digits, D.whole ? 0 : 2);
            return (x < 0 ? "-" : "") + D.symbol + figure + suffix;
          }
          function signed(x) { return Math.abs(x) < 0.005 ? money(0) : (x > 0 ? "+" : "") + money(x); }
          // A level as the command line reads it: 24M, $24,000,000, -2M, +500k, -10%, 90%.
          function level(text) {
            var t = text.trim();
            var sign = 0;
            if (t.charAt(0) === "-" || t.charAt(0) === "\u2212") { sign = -1; t = t.slice(1).trim(); }
            else if (t.charAt(0) === "+") { sign = 1; t = t.slice(1).trim(); }
            if (t.slice(-1) === "%") {
              var p = t.slice(0, -1).trim();
              if (!/^(\d+\.?\d*|\.\d+)$/.test(p)) return null;
              var fraction = parseFloat(p) / 100;
              if (sign === 0) return fraction > 0 ? D.budget * fraction : null;
              if (sign < 0 && fraction > 1) return null;
              return D.budget * (1 + sign * fraction);
            }
            var m = /^([$\u20ac\u00a3\u00a5])?\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(k|m|mm|b|bn)?$/i.exec(t);
            if (!m) return null;
            var scale = { "": 1, k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 }[(m[4] || "").toLowerCase()];
            var amount = parseFloat(m[2].replace(/,/g, "") + (m[3] || "")) * scale;
            return sign === 0 ? amount : D.budget + sign * amount;
          }
          // The total shown: clamped to the walk; for a sampled walk, the level at or below it.
          function shown(total) {
            var t = Math.min(Math.max(total, D.bottom), D.top);
            if (D.exact) return t;
            for (var i = 0; i < D.levels.length; i++) if (D.levels[i] <= t + 0.005) return D.levels[i];
            return D.bottom;
          }
          // Points from the top down; at an exact breakpoint, the segment above it.
          function read(b, a, t) {
            if (t >= b[0]) return a[0];
            for (var i = 0; i + 1 < b.length; i++) {
              if (b[i + 1] <= t && t < b[i]) {
                if (!D.exact) return a[i + 1];
                var u = (t - b[i + 1]) / (b[i] - b[i + 1]);
                return a[i + 1] + u * (a[i] - a[i + 1]);
              }
            }
            return a[a.length - 1];
          }
          function index(list) {
            var byId = {};
            (list || []).forEach(function (s) { byId["#" + s.id] = s; });
            return byId;
          }
          var teams = index(D.teams), requests = index(D.requests);
          var note = document.getElementById("whatif-note");
          var output = document.getElementById("whatif-shown");
          var summary = document.getElementById("whatif-summary");
          function update(total, message) {
            var t = shown(total);
            var cells = document.querySelectorAll("[data-allocated]");
            for (var i = 0; i < cells.length; i++) {
              var cell = cells[i];
              var team = cell.getAttribute("data-team"), request = cell.getAttribute("data-request");
              var s = team !== null ? teams["#" + team] : request !== null ? requests["#" + request] : null;
              if (!s) continue;
              var x = Math.round(read(s.b, s.a, t) * 100) / 100;
              cell.setAttribute("data-allocated", x.toFixed(2));
              cell.textContent = money(x);
              var change = cell.parentNode.querySelector(".whatif-change");
              if (change) change.textContent = signed(x - parseFloat(cell.getAttribute("data-base")));
            }
            var label = D.exact ? money(t, 4) : "computed at " + money(t, 4);
            output.textContent = label;
            summary.textContent = "";
            summary.appendChild(document.createTextNode(D.exact ? "At a total of " : "Computed at "));
            var strong = document.createElement("strong");
            strong.textContent = money(t, 4);
            summary.appendChild(strong);
            summary.appendChild(document.createTextNode(D.exact ? ": value " : ", the computed level at or below the chosen total: value "));
            var value = document.createElement("strong");
            value.id = "whatif-value";
            value.textContent = money(read(D.levels, D.values, t));
            summary.appendChild(value);
            summary.appendChild(document.createTextNode("."));
            var x = D.axis.high > D.axis.low ? D.axis.x0 + (t - D.axis.low) / (D.axis.high - D.axis.low) * D.axis.width : D.axis.x0 + D.axis.width;
            var markers = document.querySelectorAll(".whatif-marker");
            for (var k = 0; k < markers.length; k++) {
              markers[k].setAttribute("x1", x.toFixed(1));
              markers[k].setAttribute("x2", x.toFixed(1));
            }
            note.textContent = message || "";
            note.hidden = !message;
          }
          function fromAddress() {
            var total = D.budget, message = "";
            var parts = location.hash.replace(/^#/, "").split("&");
            for (var i = 0; i < parts.length; i++) {
              if (parts[i].indexOf("budget=") !== 0) continue;
              var text = parts[i].slice(7);
              try { text = decodeURIComponent(text); } catch (e) {}
              var asked = level(text);
              if (asked === null || !isFinite(asked)) {
                message = "\u201c" + text + "\u201d is not a budget level (such as 24M, -2M, -10% or 90%): showing the plan's budget.";
              } else {
                total = asked;
                if (asked > D.top + 0.005 || asked < D.bottom - 0.005) {
                  message = money(asked, 4) + " is outside the walk, from " + money(D.bottom, 4) + " to " + money(D.top, 4) +
                    ": showing " + money(Math.min(Math.max(asked, D.bottom), D.top), 4) + " instead.";
                }
              }
            }
            var t = Math.min(Math.max(total, D.bottom), D.top);
            controls.value = String(t);
            update(t, message);
          }
          controls.addEventListener("input", function () { update(parseFloat(controls.value), ""); });
          window.addEventListener("hashchange", fromAddress);
          document.getElementById("whatif-controls").hidden = false;
          fromAddress();
        })();

        """#
}
