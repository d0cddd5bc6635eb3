import Notebook

/// The page the preview serves at `/`: the report in a frame filling the window, an
/// overlay for a broken save and a progress bar for running cells, driven by the
/// server-sent events of `/__preview/events`. The report files stay exactly as `render`
/// writes them; only this page knows about the preview. On `reload` the frame reloads
/// whatever report it shows and scrolls back to where the reader was. Everything it shows
/// from the server (messages, cell names, values) is set as text (`textContent`, `value`),
/// never as HTML, and its Content-Security-Policy (`ContentSecurityPolicy.preview`) allows
/// its own script, requests to this server and the report's frame, nothing else.
enum PreviewPage {
    /// `start` is the address of the report the frame opens first (a path on this server).
    static func html(start: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        \(ContentSecurityPolicy.meta(ContentSecurityPolicy.preview(scripts: [script])))
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>lessonbook preview</title>
        <link rel="icon" href="data:,">
        <style>
        html, body { margin: 0; height: 100%; overflow: hidden; font: 15px/1.5 "DejaVu Sans", Arial, sans-serif; }
        main { height: 100%; }
        #report { border: 0; width: 100%; height: 100%; display: block; }
        a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible,
        [tabindex]:focus-visible { outline: 3px solid #0550ae; outline-offset: 2px; }
        #progress { position: fixed; top: 0; left: 0; right: 0; z-index: 2; background: #0550ae; color: #fff;
          padding: 0.3rem 0.8rem; font-size: 0.85rem; box-shadow: 0 1px 4px rgba(0,0,0,0.3); }
        #progress .bar { position: absolute; left: 0; bottom: 0; height: 3px; background: #7ee787; width: 0; }
        #overlay { position: fixed; inset: 0; z-index: 3; background: rgba(20, 0, 0, 0.55); display: flex;
          align-items: flex-start; justify-content: center; padding-top: 10vh; }
        #overlay[hidden], #progress[hidden] { display: none; }
        #overlay .box { background: #fff; color: #1f2328; max-width: 52rem; margin: 0 1rem; padding: 1rem 1.4rem;
          border-top: 6px solid #cf222e; border-radius: 6px; box-shadow: 0 6px 30px rgba(0,0,0,0.4); }
        #overlay h2 { margin: 0 0 0.5rem; color: #cf222e; font-size: 1.1rem; }
        #overlay pre { white-space: pre-wrap; font: 0.95rem/1.5 "DejaVu Sans Mono", monospace; margin: 0 0 0.6rem; }
        #overlay p { margin: 0; color: #59636e; font-size: 0.85rem; }
        #settings-toggle { position: fixed; right: 1rem; bottom: 1rem; z-index: 2; font: inherit; padding: 0.4rem 0.9rem;
          border-radius: 6px; border: 1px solid #0550ae; background: #0550ae; color: #fff; cursor: pointer; }
        #settings { position: fixed; top: 0; right: 0; bottom: 0; width: 24rem; max-width: 100%; z-index: 2; overflow-y: auto;
          background: #f6f8fa; color: #1f2328; border-left: 1px solid #d1d9e0; padding: 0.8rem 1rem 4rem; font-size: 0.9rem; }
        #settings[hidden], #compare[hidden] { display: none; }
        #settings details { border-bottom: 1px solid #d1d9e0; padding: 0.4rem 0; }
        #settings summary { cursor: pointer; font-weight: bold; }
        #settings label { display: flex; justify-content: space-between; gap: 0.5rem; margin: 0.3rem 0; align-items: center; }
        #settings label span { font-family: "DejaVu Sans Mono", monospace; font-size: 0.8rem; }
        #settings input[type=text], #settings input[type=number], #settings select { width: 11rem; font: inherit; }
        #settings button { font: inherit; margin-top: 0.4rem; }
        #compare { position: fixed; inset: 0; z-index: 3; background: #fff; color: #1f2328; display: flex; flex-direction: column; }
        #compare header { padding: 0.5rem 1rem; border-bottom: 1px solid #d1d9e0; font-size: 0.9rem; }
        #compare header code { background: #eff1f3; padding: 0.1rem 0.3rem; }
        #compare .panes { flex: 1; display: flex; min-height: 0; }
        #compare iframe { flex: 1; border: 0; border-right: 1px solid #d1d9e0; }
        </style>
        </head>
        <body>
        <main><iframe id="report" src="\(HTMLText.escape(start))" title="report"></iframe></main>
        <div id="progress" hidden><span class="text"></span><div class="bar"></div></div>
        <div id="overlay" hidden><div class="box"><h2>This save does not render</h2><pre id="error"></pre>
        <p>The report below is the last one that rendered. Fix the lesson and save: this message goes away.</p></div></div>
        <button id="settings-toggle" type="button" aria-expanded="false" aria-controls="settings">Settings</button>
        <aside id="settings" hidden tabindex="-1" aria-label="Cell settings"><p><b>Cell settings</b>: change values and apply to render that cell into a
        scratch run (the lesson file is not touched). Values are read as YAML, checked as <code>--set</code> is.</p>
        <div id="cells"></div><pre id="settings-error"></pre></aside>
        <div id="compare" hidden><header><button type="button" id="compare-close">Close</button>
        <span id="compare-claims"></span><div>Reproduce: <code id="compare-command"></code></div></header>
        <div class="panes"><iframe id="compare-original" title="lesson as written"></iframe>
        <iframe id="compare-scratch" title="scratch run"></iframe></div></div>
        <script>\(script)</script>
        </body>
        </html>

        """
    }

    /// The page's one script, exactly the text between `<script>` and `</script>`: its
    /// SHA-256 is the only script the page's Content-Security-Policy allows.
    static let script = """

        (function () {
          "use strict";
          var settings = document.getElementById("settings");
          function element(tag, text) { var e = document.createElement(tag); if (text) e.textContent = text; return e; }
          function applyCell(panel, inputs) {
            var values = {};
            inputs.forEach(function (input) {
              values[input.name] = input.type === "checkbox" ? String(input.checked) : input.value;
            });
            document.getElementById("settings-error").textContent = "Rendering " + panel.cell + " ...";
            fetch("/__preview/apply", { method: "POST", headers: { "Content-Type": "application/json" },
                                        body: JSON.stringify({ cell: panel.cell, values: values }) })
              .then(function (response) { return response.json(); })
              .then(function (answer) {
                if (!answer.ok) { document.getElementById("settings-error").textContent = answer.message; return; }
                document.getElementById("settings-error").textContent = "";
                document.getElementById("compare-command").textContent = answer.command;
                var claims = answer.changed.length === 0 ? "No claim changed verdict." :
                  "Claims that changed verdict: " + answer.changed.map(function (c) {
                    return c.cell + ": " + c.claim + " " + c.before + " → " + c.after + " (" + c.values + ")";
                  }).join("; ");
                document.getElementById("compare-claims").textContent = " " + claims;
                document.getElementById("compare-original").src = answer.original;
                document.getElementById("compare-scratch").src = answer.report;
                document.getElementById("compare").hidden = false;
              });
          }
          function loadCells() {
            fetch("/__preview/cells").then(function (response) { return response.json(); }).then(function (panels) {
              var holder = document.getElementById("cells");
              holder.textContent = "";
              panels.forEach(function (panel) {
                var details = element("details");
                details.appendChild(element("summary", panel.cell + " (" + panel.kind + ")"));
                var inputs = [];
                panel.controls.forEach(function (control) {
                  var label = element("label");
                  label.appendChild(element("span", control.name));
                  var input;
                  if (control.type === "choice") {
                    input = element("select");
                    control.choices.forEach(function (name) {
                      var option = element("option", name);
                      option.value = name;
                      option.selected = name === control.value;
                      input.appendChild(option);
                    });
                  } else {
                    input = element("input");
                    if (control.type === "boolean") { input.type = "checkbox"; input.checked = control.value === "true"; }
                    else if (control.type === "integer" || control.type === "number") {
                      input.type = "number"; input.step = control.type === "integer" ? "1" : "any"; input.value = control.value;
                      if (control.minimum !== undefined && control.minimum !== null) input.min = String(control.minimum);
                      if (control.maximum !== undefined && control.maximum !== null) input.max = String(control.maximum);
                    } else { input.type = "text"; input.value = control.value; }
                  }
                  input.name = control.name;
                  input.title = control.doc + (control.allowed ? " Allowed: " + control.allowed + "." : "") +
                    " Default: " + control.defaultValue + ".";
                  label.appendChild(input);
                  details.appendChild(label);
                  inputs.push(input);
                });
                var button = element("button", "Apply to " + panel.cell);
                button.type = "button";
                button.addEventListener("click", function () { applyCell(panel, inputs); });
                details.appendChild(button);
                holder.appendChild(details);
              });
            });
          }
          var toggle = document.getElementById("settings-toggle");
          // The panel works from the keyboard: opening it moves focus into it, Escape
          // closes it and gives focus back to the button.
          function showSettings(open) {
            settings.hidden = !open;
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            if (open) { loadCells(); settings.focus(); } else { toggle.focus(); }
          }
          toggle.addEventListener("click", function () { showSettings(settings.hidden); });
          settings.addEventListener("keydown", function (event) {
            if (event.key === "Escape") { event.preventDefault(); showSettings(false); }
          });
          document.getElementById("compare-close").addEventListener("click", function () {
            document.getElementById("compare").hidden = true;
          });
        })();
        (function () {
          "use strict";
          var frame = document.getElementById("report");
          var overlay = document.getElementById("overlay");
          var progress = document.getElementById("progress");
          var pending = null;
          frame.addEventListener("load", function () {
            if (pending !== null) {
              var position = pending;
              pending = null;
              try { frame.contentWindow.scrollTo(position.x, position.y); } catch (error) {}
            }
            document.body.setAttribute("data-loads", String(Number(document.body.getAttribute("data-loads") || "0") + 1));
          });
          var events = new EventSource("/__preview/events");
          events.addEventListener("reload", function () {
            overlay.hidden = true;
            progress.hidden = true;
            try {
              pending = { x: frame.contentWindow.scrollX, y: frame.contentWindow.scrollY };
              frame.contentWindow.location.reload();
            } catch (error) {
              frame.src = frame.src;
            }
          });
          events.addEventListener("ready", function () { overlay.hidden = true; });
          events.addEventListener("failed", function (event) {
            progress.hidden = true;
            document.getElementById("error").textContent = JSON.parse(event.data).message;
            overlay.hidden = false;
          });
          events.addEventListener("progress", function (event) {
            var info = JSON.parse(event.data);
            progress.querySelector(".text").textContent = "Running cell " + info.cell + " (" + (info.index + 1) + " of " +
              info.count + ")" + (info.status ? ": " + info.status : "");
            progress.querySelector(".bar").style.width = Math.round(100 * (info.fraction || 0)) + "%";
            progress.hidden = false;
          });
        })();
    """
}
