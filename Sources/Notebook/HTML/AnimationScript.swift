/// The script inlined into reports with animated figures. For each `.animation` block it
/// reads the APNG from its data URI, splits it into frames (acTL, fcTL and fdAT chunks,
/// each frame rebuilt as a PNG of its own region with x/y offsets), composites them on a
/// canvas following each frame's dispose op (none, background, previous) and blend op
/// (source, over), and puts a scrubber under it: a slider, play/pause, the frame counter
/// and the frame's label from the `.frames.json` sidecar. Nothing is fetched; images are
/// decoded from blobs in memory. Without scripts the browser still plays the APNG itself.
enum AnimationScript {
    static let javascript = """
    (function () {
      "use strict";
      var SIGNATURE = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
      var table = null;
      function crc32(bytes, start, end) {
        if (!table) {
          table = new Uint32Array(256);
          for (var n = 0; n < 256; n++) {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) ? (0xEDB88320 ^ (c >>> 1)) : (c >>> 1);
            table[n] = c >>> 0;
          }
        }
        var crc = 0xFFFFFFFF;
        for (var i = start; i < end; i++) crc = table[(crc ^ bytes[i]) & 0xFF] ^ (crc >>> 8);
        return (crc ^ 0xFFFFFFFF) >>> 0;
      }
      function u32(b, i) { return ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0; }
      function u16(b, i) { return (b[i] << 8) | b[i + 1]; }
      function chunk(type, data) {
        var out = new Uint8Array(12 + data.length);
        var view = new DataView(out.buffer);
        view.setUint32(0, data.length);
        for (var i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
        out.set(data, 8);
        view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
        return out;
      }
      function parse(bytes) {
        for (var s = 0; s < 8; s++) if (bytes[s] !== SIGNATURE[s]) throw new Error("not a PNG");
        var apng = { width: 0, height: 0, ihdr: null, shared: [], frames: [] };
        var current = null, pos = 8;
        while (pos + 12 <= bytes.length) {
          var length = u32(bytes, pos);
          var type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
          var data = bytes.subarray(pos + 8, pos + 8 + length);
          if (type === "IHDR") {
            apng.ihdr = data; apng.width = u32(data, 0); apng.height = u32(data, 4);
          } else if (type === "fcTL") {
            current = { width: u32(data, 4), height: u32(data, 8), x: u32(data, 12), y: u32(data, 16),
                        delayNum: u16(data, 20), delayDen: u16(data, 22), dispose: data[24], blend: data[25], parts: [] };
            apng.frames.push(current);
          } else if (type === "IDAT") {
            if (current) current.parts.push(data);
          } else if (type === "fdAT") {
            if (current) current.parts.push(data.subarray(4));
          } else if (type === "IEND") {
            break;
          } else if (type !== "acTL" && apng.frames.length === 0) {
            apng.shared.push(bytes.slice(pos, pos + 12 + length));
          }
          pos += 12 + length;
        }
        if (!apng.ihdr || apng.frames.length === 0) throw new Error("no animation frames");
        return apng;
      }
      function frameBlob(apng, frame) {
        var ihdr = apng.ihdr.slice();
        var view = new DataView(ihdr.buffer);
        view.setUint32(0, frame.width);
        view.setUint32(4, frame.height);
        var parts = [SIGNATURE, chunk("IHDR", ihdr)].concat(apng.shared);
        frame.parts.forEach(function (part) { parts.push(chunk("IDAT", part)); });
        parts.push(chunk("IEND", new Uint8Array(0)));
        return new Blob(parts, { type: "image/png" });
      }
      function composite(apng, images) {
        var canvas = document.createElement("canvas");
        canvas.width = apng.width; canvas.height = apng.height;
        var context = canvas.getContext("2d", { willReadFrequently: true });
        var frames = [];
        apng.frames.forEach(function (frame, index) {
          var dispose = (index === 0 && frame.dispose === 2) ? 1 : frame.dispose;
          var saved = dispose === 2 ? context.getImageData(frame.x, frame.y, frame.width, frame.height) : null;
          if (frame.blend === 0) context.clearRect(frame.x, frame.y, frame.width, frame.height);
          context.drawImage(images[index], frame.x, frame.y);
          frames.push(context.getImageData(0, 0, apng.width, apng.height));
          if (dispose === 1) context.clearRect(frame.x, frame.y, frame.width, frame.height);
          else if (dispose === 2) context.putImageData(saved, frame.x, frame.y);
        });
        return frames;
      }
      function setUp(block) {
        var image = block.querySelector("img.animation-source");
        var info = JSON.parse(block.getAttribute("data-frames"));
        var source = image.getAttribute("src");
        var binary = atob(source.slice(source.indexOf(",") + 1));
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        var apng = parse(bytes);
        return Promise.all(apng.frames.map(function (frame) { return createImageBitmap(frameBlob(apng, frame)); }))
          .then(function (images) {
            var frames = composite(apng, images);
            var canvas = document.createElement("canvas");
            canvas.width = apng.width; canvas.height = apng.height;
            if (image.getAttribute("width")) canvas.style.width = image.getAttribute("width") + "px";
            canvas.setAttribute("role", "img");
            canvas.setAttribute("aria-label", image.getAttribute("alt") || "");
            var context = canvas.getContext("2d");
            var scrubber = block.querySelector(".scrubber");
            var slider = scrubber.querySelector("input");
            var button = scrubber.querySelector("button");
            var counter = scrubber.querySelector(".frame-counter");
            var label = scrubber.querySelector(".frame-label");
            var labels = info.labels || [];
            var delays = info.delays_ms || [];
            var shown = 0, timer = null;
            function show(index) {
              shown = index;
              context.putImageData(frames[index], 0, 0);
              slider.value = String(index);
              counter.textContent = (index + 1) + " / " + frames.length;
              label.textContent = labels[index] || "";
            }
            function delay(index) {
              if (typeof delays[index] === "number") return delays[index];
              var frame = apng.frames[index];
              return frame.delayNum * 1000 / (frame.delayDen || 100);
            }
            function stop() { if (timer !== null) { clearTimeout(timer); timer = null; } button.textContent = "Play"; }
            function tick() {
              timer = setTimeout(function () { show((shown + 1) % frames.length); tick(); }, Math.max(16, delay(shown)));
            }
            slider.max = String(frames.length - 1);
            slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
            button.addEventListener("click", function () {
              if (timer !== null) { stop(); } else { button.textContent = "Pause"; tick(); }
            });
            (image.closest("picture") || image).replaceWith(canvas);
            scrubber.hidden = false;
            show(0);
            block.setAttribute("data-ready", "true");
          });
      }
      document.querySelectorAll(".animation").forEach(function (block) {
        try {
          setUp(block).catch(function (error) { console.error("animated figure: " + error); });
        } catch (error) {
          console.error("animated figure: " + error);
        }
      });
    })();

    """
}
