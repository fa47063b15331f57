#!/bin/sh
# tests/compile/browser.sh BDLC
#
# The HTML in a real browser: renders the example's page in headless
# Chromium (Debian's `chromium`, with the CJK font of fonts-noto-cjk),
# checks from the rendered DOM that every table, header, row and amount is
# there (dom_check.py, against the compiled JSON and the reference), and
# saves for a person to look at:
#   build/compile/browser/nanchuan.png   the page as a screen shows it
#   build/compile/browser/nanchuan.pdf   the page as it prints (A4)
. tests/compile/lib.sh
setup "$1" browser
if [ ! -f "$REFERENCE" ]; then
    echo "FAIL: the reference document $REFERENCE is missing (set BDL_REFERENCE to its path)"
    exit 1
fi
need chromium chromium || exit 1
need fc-list fontconfig || exit 1
if ! fc-list 2>/dev/null | grep -qi 'CJK'; then
    echo "FAIL: no CJK font: the page would render as boxes (apt-get install fonts-noto-cjk)"
    exit 1
fi
PY=$(python_with json python3) || exit 1

"$BDLC" compile -f html -o "$OUT/nanchuan.html" "$EXAMPLE" || bad "compile -f html"
"$BDLC" compile -f json -o "$OUT/nanchuan.json" "$EXAMPLE" || bad "compile -f json"

# chromium ARGS...: headless, offline, a fresh profile each time
chromium_run() {
    profile=$(mktemp -d)
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" "$@" 2>"$OUT/chromium.log"
    rc=$?
    rm -rf "$profile"
    return $rc
}
URL=file://$(cd "$OUT" && pwd)/nanchuan.html

chromium_run --dump-dom "$URL" > "$OUT/dom.html" || bad "chromium --dump-dom (see $OUT/chromium.log)"
check "the rendered DOM holds every table, header and amount" \
    env PYTHONPATH=tests/compile "$PY" tests/compile/dom_check.py "$OUT/dom.html" "$OUT/nanchuan.json" "$REFERENCE"

# names with <script>, quotes and &: the browser must read back exactly the
# texts that were written, and find no script to run
"$BDLC" compile -f html -o "$OUT/edge.html" tests/compile/fixtures/edge.bdl || bad "compile the fixture to html"
"$BDLC" compile -f json -o "$OUT/edge.json" tests/compile/fixtures/edge.bdl || bad "compile the fixture to json"
chromium_run --dump-dom "file://$(cd "$OUT" && pwd)/edge.html" > "$OUT/edge-dom.html" || bad "chromium --dump-dom (fixture)"
check "escaped texts read back exactly, no script" \
    env PYTHONPATH=tests/compile "$PY" tests/compile/dom_check.py "$OUT/edge-dom.html" "$OUT/edge.json"

# The whole page in one picture: a harness page (the tested page itself has
# no script) measures its height in an iframe, then the window is that tall.
cat > "$OUT/measure.html" <<'HTML'
<!DOCTYPE html><html><body><iframe id="f" src="nanchuan.html" style="width:1280px;height:800px;border:0"></iframe>
<script>
document.getElementById("f").onload = function () {
  document.body.setAttribute("data-height", String(this.contentDocument.documentElement.scrollHeight));
};
</script></body></html>
HTML
height=$(chromium_run --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom \
    "file://$(cd "$OUT" && pwd)/measure.html" | sed -n 's/.*data-height="\([0-9]*\)".*/\1/p')
case $height in ''|*[!0-9]*) height=12000 ;; esac
[ "$height" -gt 30000 ] && height=30000
chromium_run --hide-scrollbars --window-size=1280,"$height" --screenshot="$OUT/nanchuan.png" "$URL" >/dev/null \
    || bad "chromium --screenshot"
check "screenshot saved" test -s "$OUT/nanchuan.png"
chromium_run --no-pdf-header-footer --print-to-pdf="$OUT/nanchuan.pdf" "$URL" >/dev/null || bad "chromium --print-to-pdf"
check "print preview saved" test -s "$OUT/nanchuan.pdf"
echo "look at: $OUT/nanchuan.png (screen) and $OUT/nanchuan.pdf (print)"
summary "browser"
