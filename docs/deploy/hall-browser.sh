#!/bin/sh
# hallq screen for a kiosk (取号机) or a hall display (大厅屏): Chromium in kiosk mode on the hub's page, never
# sleeping, restarted whenever it exits. Install as /usr/local/bin/hallq-browser; started by the
# hallq-kiosk.desktop or hallq-display.desktop autostart entry.
# Usage: hallq-browser kiosk|display [URL]   (default $HALLQ_URL, else http://hallq-hub:8080/<kiosk|display>)
# A kiosk's first start needs its device token once: URL http://hub:8080/kiosk?token=<token from hallq init>;
# the page keeps it (in this browser profile), so later starts can use the plain /kiosk URL.
set -u
ROLE="${1:-}"
case "$ROLE" in
  kiosk|display) ;;
  *) echo "usage: hallq-browser kiosk|display [URL]" >&2; exit 2 ;;
esac
URL="${2:-${HALLQ_URL:-http://hallq-hub:8080/$ROLE}}"
ORIGIN=$(printf '%s' "$URL" | sed -E 's#^(https?://[^/]+).*#\1#')
PROFILE="${HALLQ_BROWSER_PROFILE:-$HOME/.config/hallq-$ROLE}"
export DISPLAY="${DISPLAY:-:0}"
# HALLQ_BROWSER: another Chromium-based browser (统信UOS's or 麒麟's own, see docs/deploy.md, "Kiosk browsers").
BROWSER="${HALLQ_BROWSER:-}"
[ -n "$BROWSER" ] || BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || command -v google-chrome-stable) || {
  echo "hallq-browser: install chromium (apt install chromium), or set HALLQ_BROWSER to a Chromium-based browser" >&2
  exit 1
}

# No screen saver, no blanking, no power saving: the screen must always show the page.
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
    --disable-features=Translate --disable-pinch --overscroll-history-navigation=0
  sleep 2
done
