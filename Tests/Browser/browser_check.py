#!/usr/bin/python3
"""Drives Debian's headless Chromium (through chromium-driver and python3-selenium) for the
browser tests of the HTML reports and the preview server. Each subcommand prints one JSON
object on stdout and exits 0; the Swift tests read it and decide.

  reports FILE...                 open each report.html from file://: console errors,
                                  requests other than the page itself, figure sizes
  make-apng PNG                   write a small APNG (offsets, dispose and blend ops) and
                                  its .frames.json sidecar
  animation FILE X,Y ...          pixel colours of the scrubber's canvas at each frame
  preview URL LESSON              edit, break and fix the lesson while the page is open
  escapes URL PATH...             HTTP status of raw request paths (no browser)
  request URL METHOD PATH [JSON]  one HTTP request; status and decoded JSON body
  screenshots FILE LIGHT DARK     the report in light and in dark mode, as PNG
  hostile FILE...                 open each page from file://, give injected handlers time to
                                  fire, and report what ran (window.__pwned), the page's
                                  text and title, console errors and requests
  features FILE                   the page's own features under its policy: the contents bar,
                                  the animation scrubber, light and dark colours
  axe URL...                      run axe-core (axe.min.js, see scripts/setup.sh) on each page
                                  (a path or an http URL): its violations, by impact
  keyboard FILE                   Tab through the page: which elements take focus, and whether
                                  each shows a visible focus style
  reduced-motion FILE             open the page asking for reduced motion: whether the
                                  animation plays by itself
  preview-keyboard URL            the preview's settings panel from the keyboard alone: open
                                  it, reach a cell's fields, close it with Escape
  slides FILE SCREENSHOT          a slides.html deck from file://: keys move forward and back,
                                  the slide number stays in the address across a reload, the
                                  presenter view shows notes; console errors and requests, and
                                  a screenshot of the slide shown first after the title
"""
import http.client
import json
import struct
import sys
import time
import urllib.parse
import zlib


def browser(width=1280, height=1000):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--allow-file-access-from-files", "--no-first-run", "--disable-extensions",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-default-apps", "--disable-sync", "--hide-scrollbars",
                     "--force-device-scale-factor=1", "--window-size=%d,%d" % (width, height)]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            value = condition()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.05)
    return None


FIGURES = """
const found = [];
for (const element of document.querySelectorAll('main img, main canvas')) {
  const box = element.getBoundingClientRect();
  const natural = element.tagName === 'IMG' ? element.naturalWidth : element.width;
  found.push({tag: element.tagName, natural: natural, width: box.width, height: box.height,
              complete: element.tagName === 'IMG' ? element.complete : true});
}
return found;
"""


def reports(files):
    driver = browser()
    results = []
    try:
        for path in files:
            driver.get_log("browser")
            driver.get_log("performance")
            url = "file://" + path
            driver.get(url)
            wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
            wait(lambda: driver.execute_script(
                "return [...document.querySelectorAll('.animation')].every(b => b.dataset.ready === 'true')"), 20)
            figures = driver.execute_script(FIGURES)
            errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
            requests = []
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message.get("method") == "Network.requestWillBeSent":
                    requested = message["params"]["request"]["url"]
                    if requested != url and not requested.startswith("data:") and not requested.startswith("blob:"):
                        requests.append(requested)
            results.append({"file": path, "errors": errors, "requests": requests, "figures": figures,
                            "title": driver.title,
                            "toc": driver.execute_script("return document.querySelectorAll('nav.toc a').length")})
    finally:
        driver.quit()
    return {"reports": results}


HOSTILE = """
const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
return {pwned: window.__pwned === undefined ? null : String(window.__pwned),
        title: document.title, text: document.body ? document.body.innerText : '',
        policy: policy ? policy.content : null,
        frames: document.querySelectorAll('iframe, embed, object').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length};
"""


def hostile(files):
    driver = browser()
    results = []
    try:
        for path in files:
            driver.get_log("browser")
            driver.get_log("performance")
            url = "file://" + path
            driver.get(url)
            wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
            # Injected handlers (onerror, onload) and @imports would have fired by now.
            time.sleep(0.5)
            # Hover over and click every link and image, as a reader might.
            for element in driver.find_elements("css selector", "main a, main img, main summary"):
                try:
                    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", element)
                except Exception:
                    pass
            state = driver.execute_script(HOSTILE)
            state["errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
            requests = []
            for entry in driver.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message.get("method") == "Network.requestWillBeSent":
                    requested = message["params"]["request"]["url"]
                    if requested != url and not requested.startswith("data:") and not requested.startswith("blob:"):
                        requests.append(requested)
            state["requests"] = requests
            state["file"] = path
            results.append(state)
    finally:
        driver.quit()
    return {"pages": results}


def features(path):
    driver = browser(1280, 700)
    result = {}
    try:
        driver.get_log("browser")
        url = "file://" + path
        driver.get(url)
        wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
        result["policy"] = driver.execute_script(
            "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]'); return m ? m.content : null")
        # The contents bar: shown beside the text, and its links move the page.
        result["toc_width"] = driver.execute_script(
            "const n = document.querySelector('nav.toc'); return n ? n.getBoundingClientRect().width : 0")
        links = driver.find_elements("css selector", "nav.toc a")
        result["toc_links"] = len(links)
        if links:
            links[-1].click()
            time.sleep(0.3)
        result["scrolled_to"] = driver.execute_script("return [window.scrollY, location.hash]")
        # The scrubber: the script ran (its hash is allowed), composited the frames and
        # answers the slider.
        result["animation_ready"] = bool(wait(lambda: driver.execute_script(
            "const a = document.querySelector('.animation'); return a && a.dataset.ready === 'true'"), 20))
        result["counter"] = driver.execute_script("""
          const slider = document.querySelector('.scrubber input');
          if (!slider) return null;
          slider.value = '1'; slider.dispatchEvent(new Event('input'));
          return document.querySelector('.frame-counter').textContent;
        """)
        colours = {}
        for scheme in ["light", "dark"]:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            time.sleep(0.2)
            colours[scheme] = driver.execute_script(
                "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]")
        result["colours"] = colours
        result["errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
    return result


def axe_script():
    import os
    path = os.environ.get("LESSONBOOK_AXE") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", ".build", "browser-tools",
        "axe-playwright-python-0.1.8", "axe.min.js")
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        raise SystemExit("axe-core not found at %s: run `bash scripts/setup.sh` (it reads axe.min.js out of "
                         "the PyPI wheel axe-playwright-python) or set LESSONBOOK_AXE" % path)


def axe(pages):
    script = axe_script()
    driver = browser()
    driver.set_script_timeout(60)
    results = []
    try:
        for page in pages:
            url = page if "://" in page else "file://" + page
            driver.get(url)
            wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
            # Let the scrubber replace its image (and a preview page load its frame).
            time.sleep(0.5)
            # The page's policy allows only its own script; the driver's scripts run anyway.
            driver.execute_script(script)
            answer = driver.execute_async_script("""
              const done = arguments[arguments.length - 1];
              axe.run(document, {resultTypes: ['violations'], iframes: false})
                .then(r => done({version: axe.version, violations: r.violations.map(v => ({
                  id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))}))
                .catch(e => done({error: String(e)}));
            """)
            answer["page"] = page
            results.append(answer)
    finally:
        driver.quit()
    return {"pages": results}


def keyboard(path, presses=60):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.common.action_chains import ActionChains
    driver = browser(1280, 800)
    stops = []
    try:
        driver.get("file://" + path)
        wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
        wait(lambda: driver.execute_script(
            "const a = document.querySelector('.animation'); return !a || a.dataset.ready === 'true'"), 20)
        for _ in range(presses):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            stop = driver.execute_script("""
              const e = document.activeElement;
              if (!e || e === document.body) return null;
              const s = getComputedStyle(e);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
              const shadow = s.boxShadow && s.boxShadow !== 'none';
              const where = e.closest('nav.toc') ? 'toc' : e.closest('.scrubber') ? 'scrubber'
                : e.closest('#settings') ? 'settings' : 'page';
              return {tag: e.tagName.toLowerCase(), type: e.type || '', where: where, visible: outline || shadow,
                      text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40)};
            """)
            if stop:
                stops.append(stop)
        # The scrubber answers the keyboard: focus its slider and press the right arrow.
        moved = driver.execute_script("""
          const s = document.querySelector('.scrubber input');
          if (!s) return null; s.focus(); return s.value;""")
        if moved is not None:
            ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
            moved = [moved, driver.execute_script("return document.querySelector('.scrubber input').value")]
    finally:
        driver.quit()
    return {"stops": stops, "slider": moved}


def reduced_motion(path):
    driver = browser()
    result = {}
    try:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                               {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]})
        driver.get("file://" + path)
        wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
        result["ready"] = bool(wait(lambda: driver.execute_script(
            "const a = document.querySelector('.animation'); return a && a.dataset.ready === 'true'"), 20))
        result["matches"] = driver.execute_script("return matchMedia('(prefers-reduced-motion: reduce)').matches")
        first = driver.execute_script("return document.querySelector('.frame-counter').textContent")
        time.sleep(1.5)
        result["counters"] = [first, driver.execute_script("return document.querySelector('.frame-counter').textContent")]
        result["button"] = driver.execute_script("return document.querySelector('.scrubber button').textContent")
        # Without the script the browser shows the picture's reduced-motion source: no animation chunks.
        result["static_source"] = driver.execute_script("""
          const s = document.querySelector('picture source[media*="reduced-motion"]');
          return s ? s.getAttribute('srcset').slice(0, 22) : null""")
        result["errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
    return result


def preview_keyboard(url):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.common.action_chains import ActionChains
    driver = browser(1280, 800)
    result = {}
    def active():
        return driver.execute_script("""
          const e = document.activeElement; if (!e) return null;
          const s = getComputedStyle(e);
          return {tag: e.tagName.toLowerCase(), id: e.id, inSettings: !!e.closest('#settings'),
                  visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)}""")
    try:
        driver.get(url)
        wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
        # Tab until the settings button has focus (the report's frame comes first).
        for _ in range(200):
            ActionChains(driver).send_keys(Keys.TAB).perform()
            now = active()
            if now and now.get("id") == "settings-toggle":
                break
        result["toggle"] = active()
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        result["opened"] = bool(wait(lambda: not driver.execute_script(
            "return document.getElementById('settings').hidden"), 5))
        result["expanded"] = driver.execute_script(
            "return document.getElementById('settings-toggle').getAttribute('aria-expanded')")
        wait(lambda: driver.execute_script("return document.querySelectorAll('#settings summary').length > 0"), 20)
        result["focus_in_panel"] = active()
        ActionChains(driver).send_keys(Keys.TAB).perform()
        result["first_stop"] = active()
        ActionChains(driver).send_keys(Keys.ENTER).perform()
        result["details_open"] = driver.execute_script(
            "const d = document.querySelector('#settings details'); return d ? d.open : null")
        ActionChains(driver).send_keys(Keys.TAB).perform()
        result["field"] = active()
        ActionChains(driver).send_keys(Keys.ESCAPE).perform()
        result["closed"] = bool(wait(lambda: driver.execute_script(
            "return document.getElementById('settings').hidden"), 5))
        result["focus_after"] = active()
    finally:
        driver.quit()
    return result


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def rgba_rows(width, height, colour):
    raw = b""
    for _ in range(height):
        raw += b"\x00" + bytes(colour) * width
    return zlib.compress(raw)


def make_apng(path):
    """A 40x30 APNG of 4 frames that exercises every compositing rule: (0) red over the whole
    canvas; (1) a blue 10x10 square at (5, 5), blended over, disposed to background (so its
    square is transparent afterwards); (2) a half-transparent green 10x10 square at (20, 10),
    blended over the red, disposed to previous (so the red comes back); (3) a transparent
    8x8 square at (0, 0), blended as source (so it clears the corner)."""
    width, height = 40, 30
    frames = [
        # (w, h, x, y, dispose, blend, colour)
        (40, 30, 0, 0, 0, 0, (255, 0, 0, 255)),
        (10, 10, 5, 5, 1, 1, (0, 0, 255, 255)),
        (10, 10, 20, 10, 2, 1, (0, 255, 0, 128)),
        (8, 8, 0, 0, 0, 0, (0, 0, 0, 0)),
    ]
    out = b"\x89PNG\r\n\x1a\n"
    out += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
    out += chunk(b"acTL", struct.pack(">II", len(frames), 0))
    sequence = 0
    for index, (w, h, x, y, dispose, blend, colour) in enumerate(frames):
        out += chunk(b"fcTL", struct.pack(">IIIIIHHBB", sequence, w, h, x, y, 1, 2, dispose, blend))
        sequence += 1
        data = rgba_rows(w, h, colour)
        if index == 0:
            out += chunk(b"IDAT", data)
        else:
            out += chunk(b"fdAT", struct.pack(">I", sequence) + data)
            sequence += 1
    out += chunk(b"IEND", b"")
    with open(path, "wb") as handle:
        handle.write(out)
    sidecar = {"frames": len(frames), "labels": ["red", "blue square", "green over red", "cleared corner"],
               "delays_ms": [500, 500, 500, 500], "width": width, "height": height}
    with open(path[:-4] + ".frames.json", "w") as handle:
        json.dump(sidecar, handle)
    return {"written": path}


def animation(path, points):
    driver = browser()
    try:
        driver.get_log("browser")
        driver.get("file://" + path)
        ready = wait(lambda: driver.execute_script("return document.querySelector('.animation').dataset.ready === 'true'"), 20)
        frames = []
        count = driver.execute_script("return Number(document.querySelector('.scrubber input').max) + 1") if ready else 0
        for index in range(count):
            sample = driver.execute_script("""
              const slider = document.querySelector('.scrubber input');
              slider.value = String(arguments[0]);
              slider.dispatchEvent(new Event('input'));
              const canvas = document.querySelector('.animation canvas');
              const context = canvas.getContext('2d');
              const pixels = arguments[1].map(p => Array.from(context.getImageData(p[0], p[1], 1, 1).data));
              return {pixels: pixels, counter: document.querySelector('.frame-counter').textContent,
                      label: document.querySelector('.frame-label').textContent,
                      width: canvas.width, height: canvas.height};
            """, index, points)
            frames.append(sample)
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        play = driver.execute_script("""
          const button = document.querySelector('.scrubber button');
          button.click(); const playing = button.textContent; button.click();
          return [playing, button.textContent];
        """) if ready else []
    finally:
        driver.quit()
    return {"ready": bool(ready), "frames": frames, "errors": errors, "play": play}


def frame_text(driver):
    return driver.execute_script(
        "const f = document.getElementById('report'); const d = f && f.contentDocument;"
        "return d && d.body ? d.body.innerText : '';")


def preview(url, lesson):
    original = open(lesson, encoding="utf-8").read()
    marker = "Preview marker %d." % int(time.time() * 1000)
    driver = browser()
    result = {}
    try:
        driver.get(url)
        result["loaded"] = bool(wait(lambda: len(frame_text(driver)) > 100, 20))
        driver.execute_script("document.getElementById('report').contentWindow.scrollTo(0, 300)")
        before = driver.execute_script("return Number(document.body.dataset.loads || 0)")

        edited = original.rstrip("\n") + "\n\n" + marker + "\n"
        started = time.time()
        with open(lesson, "w", encoding="utf-8") as handle:
            handle.write(edited)
        shown = wait(lambda: marker in frame_text(driver), 5)
        result["edit_seconds"] = round(time.time() - started, 3) if shown else None
        result["reloaded"] = driver.execute_script("return Number(document.body.dataset.loads || 0)") > before
        time.sleep(0.3)
        result["scroll_y"] = driver.execute_script("return document.getElementById('report').contentWindow.scrollY")

        broken = edited.replace("```{experiment}\n", "```{experiment}\nnot_a_key: 1\n", 1)
        with open(lesson, "w", encoding="utf-8") as handle:
            handle.write(broken)
        def shown_error():
            return driver.execute_script(
                "const o = document.getElementById('overlay'); return !o.hidden && document.getElementById('error').textContent")
        # Wait for the error of the broken cell itself; report whatever was shown last otherwise.
        wait(lambda: "not_a_key" in (shown_error() or ""), 5)
        result["overlay"] = shown_error()
        result["report_kept"] = marker in frame_text(driver)

        with open(lesson, "w", encoding="utf-8") as handle:
            handle.write(edited)
        result["cleared"] = bool(wait(lambda: driver.execute_script("return document.getElementById('overlay').hidden"), 5))
        result["errors"] = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    finally:
        driver.quit()
        with open(lesson, "w", encoding="utf-8") as handle:
            handle.write(original)
    return result


def escapes(url, paths):
    parts = urllib.parse.urlsplit(url)
    statuses = {}
    for path in paths:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.putrequest("GET", path, skip_host=False, skip_accept_encoding=True)
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        statuses[path] = response.status
        connection.close()
    return {"statuses": statuses}


def request(url, method, path, body):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    headers = {"Content-Type": "application/json"} if body else {}
    connection.request(method, path, body=body.encode("utf-8") if body else None, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8")
    connection.close()
    return {"status": response.status, "body": json.loads(text) if text.strip().startswith(("{", "[")) else text}


def screenshots(path, light, dark):
    driver = browser(1280, 1400)
    try:
        for scheme, out in [("light", light), ("dark", dark)]:
            driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                   {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
            driver.get("file://" + path)
            wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
            time.sleep(0.3)
            driver.save_screenshot(out)
    finally:
        driver.quit()
    return {"written": [light, dark]}


SLIDE_STATE = """
const shown = [...document.querySelectorAll('section.slide')].filter(s => !s.hidden);
const notes = shown.length ? shown[0].querySelector('.notes') : null;
return {hash: location.hash, shown: shown.map(s => s.id), count: document.querySelectorAll('section.slide').length,
        notesVisible: notes ? getComputedStyle(notes).display !== 'none' : false,
        notesText: notes ? notes.innerText : ''};
"""


def slides(path, screenshot):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    driver = browser(1280, 720)
    steps = []
    try:
        driver.get_log("browser")
        driver.get_log("performance")
        url = "file://" + path
        driver.get(url)
        wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)

        def press(name, key):
            ActionChains(driver).send_keys(key).perform()
            time.sleep(0.15)
            state = driver.execute_script(SLIDE_STATE)
            state["step"] = name
            steps.append(state)

        steps.append(dict(driver.execute_script(SLIDE_STATE), step="open"))
        press("right", Keys.ARROW_RIGHT)
        driver.save_screenshot(screenshot)
        press("space", Keys.SPACE)
        press("left", Keys.ARROW_LEFT)
        press("page-down", Keys.PAGE_DOWN)
        driver.refresh()
        wait(lambda: driver.execute_script("return document.readyState") == "complete", 20)
        time.sleep(0.2)
        steps.append(dict(driver.execute_script(SLIDE_STATE), step="reload"))
        press("presenter", "s")
        press("page-up", Keys.PAGE_UP)
        press("end", Keys.END)
        press("beyond-end", Keys.ARROW_RIGHT)
        press("home", Keys.HOME)
        press("before-start", Keys.ARROW_LEFT)
        errors = [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                requested = message["params"]["request"]["url"]
                if not requested.startswith(url) and not requested.startswith("data:"):
                    requests.append(requested)
    finally:
        driver.quit()
    return {"steps": steps, "errors": errors, "requests": requests}


def main(arguments):
    command = arguments[0]
    if command == "reports":
        result = reports(arguments[1:])
    elif command == "make-apng":
        result = make_apng(arguments[1])
    elif command == "animation":
        result = animation(arguments[1], [[int(v) for v in p.split(",")] for p in arguments[2:]])
    elif command == "preview":
        result = preview(arguments[1], arguments[2])
    elif command == "escapes":
        result = escapes(arguments[1], arguments[2:])
    elif command == "request":
        result = request(arguments[1], arguments[2], arguments[3], arguments[4] if len(arguments) > 4 else "")
    elif command == "screenshots":
        result = screenshots(arguments[1], arguments[2], arguments[3])
    elif command == "hostile":
        result = hostile(arguments[1:])
    elif command == "features":
        result = features(arguments[1])
    elif command == "axe":
        result = axe(arguments[1:])
    elif command == "keyboard":
        result = keyboard(arguments[1])
    elif command == "reduced-motion":
        result = reduced_motion(arguments[1])
    elif command == "preview-keyboard":
        result = preview_keyboard(arguments[1])
    elif command == "slides":
        result = slides(arguments[1], arguments[2])
    else:
        raise SystemExit("unknown command " + command)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
