#!/usr/bin/env bash
# Desktop smoke test: builds the desktop cairn, opens the example notebook in a real window on a
# private Xvfb, waits until the page inside reports itself (`frontend connected` on stderr),
# saves a screenshot to build/bin/desktop-smoke.png and checks it is not blank; then types an
# edit into a cell (xdotool, the page's Jupyter keys: j selects, Enter edits) and at once closes
# the app with SIGTERM (handled like the close button), and expects a clean exit with the edit
# saved in the notebook although the page had not sent it yet (its edits are debounced).
#
# It installs nothing. Debian packages it needs (build/deps.sh installs them):
#   xvfb libgtk-3-dev libwebkit2gtk-4.1-dev imagemagick x11-utils xdotool
# First it runs app/desktop's own window tests (the Wails plumbing on a tiny page).
set -euo pipefail
cd "$(dirname "$0")/.."

TAGS=desktop,production,webkit2_41,duckdb_arrow
BIN=build/bin/cairn-desktop
SHOT=build/bin/desktop-smoke.png
NOTEBOOK=notebooks/malware.cairn.md

fail() { echo "desktop-smoke: FAIL: $*" >&2; exit 1; }
for tool in Xvfb:xvfb import:imagemagick identify:imagemagick xwininfo:x11-utils xdotool:xdotool pkg-config:pkg-config; do
	command -v "${tool%%:*}" >/dev/null || fail "${tool%%:*} is missing (Debian package ${tool#*:})"
done
pkg-config --exists webkit2gtk-4.1 gtk+-3.0 || fail "GTK/WebKit headers missing (Debian packages libgtk-3-dev libwebkit2gtk-4.1-dev)"

echo "== desktop: window plumbing tests"
go test -tags "$TAGS" -count=1 ./app/desktop

echo "== desktop: build $BIN"
start=$(date +%s)
go build -tags "$TAGS" -o "$BIN" .
echo "built in $(($(date +%s) - start)) s, $(du -h "$BIN" | cut -f1)"

work=$(mktemp -d)
xvfb="" app=""
cleanup() {
	[ -n "$app" ] && kill -9 "$app" 2>/dev/null
	[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
	wait 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
# A copy: closing the window saves the notebook, and the repository's example stays untouched.
cp "$NOTEBOOK" "$work/"

# Xvfb picks a free display number itself and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1440x900x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb=$!
for _ in $(seq 100); do grep -q '^[0-9]' "$work/display" 2>/dev/null && break; sleep 0.2; done
display=":$(head -1 "$work/display")"
[ "$display" != ":" ] || fail "Xvfb did not start: $(cat "$work/xvfb.log")"

echo "== desktop: open $NOTEBOOK on $display"
: >"$work/stderr"
DISPLAY=$display "$BIN" open "$work/$(basename "$NOTEBOOK")" >"$work/stdout" 2>"$work/stderr" &
app=$!
for _ in $(seq 300); do
	grep -q "frontend connected" "$work/stderr" && break
	kill -0 "$app" 2>/dev/null || fail "the app exited before its page connected; its stderr:
$(tail -20 "$work/stderr")"
	sleep 0.2
done
grep -q "frontend connected" "$work/stderr" || fail "no 'frontend connected' within 60 s; stderr:
$(tail -20 "$work/stderr")"

title=$(sed -n 's/^title: *//p' "$NOTEBOOK" | head -1)
window=$(xwininfo -display "$display" -root -children | grep -F "\"$title" | awk '{print $1}' | head -1)
[ -n "$window" ] || fail "no window titled \"$title\": $(xwininfo -display "$display" -root -children)"

sleep 2 # the page reports itself on load; give the cells a moment to paint
import -display "$display" -window root "$SHOT"
# Measured on the window alone: the black root around it would make any window look busy.
import -display "$display" -window "$window" "$work/window.png"
spread=$(identify -format '%[fx:int(standard_deviation*255)]' "$work/window.png")
[[ "$spread" =~ ^[0-9]+$ ]] || spread=0 # a uniform image gives -nan
[ "$spread" -ge 4 ] || fail "the window looks blank (grey-level spread $spread): $SHOT"
echo "screenshot $SHOT, grey-level spread in the window $spread"

edit="smoke-edit-$$"
export DISPLAY=$display # for xdotool
xdotool windowfocus --sync "$window"
xdotool key --window "$window" j Return
sleep 0.5
xdotool type --delay 30 "$edit "
sleep 0.2 # less than the page's edit delay: the edit is still only in the page
kill -TERM "$app"
for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.2; done
kill -0 "$app" 2>/dev/null && fail "the app did not exit within 20 s of SIGTERM"
status=0
wait "$app" || status=$?
app=""
[ "$status" -eq 0 ] || fail "the app exited with status $status; stderr:
$(tail -20 "$work/stderr")"
grep -q "$edit" "$work/$(basename "$NOTEBOOK")" ||
	fail "the edit typed just before closing is not in the saved notebook; stderr:
$(tail -20 "$work/stderr")"
echo "desktop-smoke: OK"
