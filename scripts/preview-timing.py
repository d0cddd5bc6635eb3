#!/usr/bin/env python3
"""Times `lessonbook preview` re-rendering after a prose edit, for each lesson named.

For every lesson it copies the lesson into a scratch folder, starts the preview (sharing
the given cache, so the first render is served from it when the lesson was rendered
before), appends a sentence to the copy, and reads the seconds the preview prints for that
re-render ("rendered in X s"). Prints one line per lesson. Usage:

    scripts/preview-timing.py BINARY CACHE LESSONS_DIR LESSON...
"""
import os, re, shutil, subprocess, sys, tempfile, time

def main():
    binary, cache, lessons_dir, names = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4:]
    for name in names:
        source = next(f for f in sorted(os.listdir(lessons_dir)) if f.endswith(".md") and name in f)
        scratch = tempfile.mkdtemp(prefix="preview-timing-")
        os.mkdir(os.path.join(scratch, "lessons"))
        lesson = os.path.join(scratch, "lessons", source)
        shutil.copy(os.path.join(lessons_dir, source), lesson)
        process = subprocess.Popen([os.path.abspath(binary), "preview", name, "--cache", cache, "--out", "out"],
                                   cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        seconds = []
        try:
            for line in process.stdout:
                match = re.search(r"rendered in ([0-9.]+) s", line)
                if not match:
                    continue
                seconds.append(float(match.group(1)))
                if len(seconds) == 1:
                    time.sleep(0.3)
                    with open(lesson, "a", encoding="utf-8") as handle:
                        handle.write("\nOne more sentence of prose.\n")
                else:
                    break
        finally:
            process.terminate()
            process.wait(timeout=10)
            shutil.rmtree(scratch, ignore_errors=True)
        first = seconds[0] if seconds else float("nan")
        edit = seconds[1] if len(seconds) > 1 else float("nan")
        print(f"{name}: first render {first:.2f} s, re-render after a prose edit {edit:.2f} s", flush=True)

if __name__ == "__main__":
    main()
