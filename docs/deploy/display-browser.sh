#!/bin/sh
# hallq hall display (叫号大屏): Chromium in kiosk mode on the hub's /display page, never sleeping, restarted
# whenever it exits. Install as /usr/local/bin/hallq-display-browser; started by hallq-display.desktop.
# Usage: hallq-display-browser [URL]      (default $HALLQ_URL, else http://hallq-hub:8080/display)
# Display options go in the URL, e.g. http://hub:8080/display?area=一楼 (see docs/display.md). The voice plays
# without a tap thanks to --autoplay-policy below; the machine needs a sound output that is not muted.
set -u
URL="${1:-${HALLQ_URL:-http://hallq-hub:8080/display}}"
ORIGIN=$(printf '%s' "$URL" | sed -E 's#^(https?://[^/]+).*#\1#')
PROFILE="${HALLQ_BROWSER_PROFILE:-$HOME/.config/hallq-display}"
export DISPLAY="${DISPLAY:-:0}"
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
  echo "hallq-display-browser: install chromium (apt install chromium)" >&2
  exit 1
}

# No screen saver, no blanking, no power saving: a display must always show the page.
xset s off 2>/dev/null; xset s noblank 2>/dev/null; xset -dpms 2>/dev/null

while true; do
  # Wait for the hub: Chromium shows a dead error page if the first load fails, and never retries it.
  until curl -fsS -o /dev/null --max-time 3 "$ORIGIN/api/services"; do sleep 3; done
  # After a power cut Chromium would offer to "restore pages"; mark the last exit as clean.
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' \
    "$PROFILE/Default/Preferences" 2>/dev/null
  "$BROWSER" --kiosk --app="$URL" --user-data-dir="$PROFILE" \
    --noerrdialogs --disable-session-crashed-bubble --disable-infobars --no-first-run \
    --autoplay-policy=no-user-gesture-required --check-for-update-interval=31536000 \
    --disable-features=Translate --overscroll-history-navigation=0
  sleep 2
done
