#!/bin/sh
# hallq kiosk (取号机) screen: Chromium in kiosk mode on the hub's /kiosk page, never sleeping, restarted
# whenever it exits. Install as /usr/local/bin/hallq-kiosk-browser; started by hallq-kiosk.desktop.
# Usage: hallq-kiosk-browser [URL]      (default $HALLQ_URL, else http://hallq-hub:8080/kiosk)
# The first start needs the device token once: URL http://hub:8080/kiosk?token=<token from hallq init>;
# the page keeps it (in this browser profile), so later starts can use the plain /kiosk URL.
set -u
URL="${1:-${HALLQ_URL:-http://hallq-hub:8080/kiosk}}"
ORIGIN=$(printf '%s' "$URL" | sed -E 's#^(https?://[^/]+).*#\1#')
PROFILE="${HALLQ_BROWSER_PROFILE:-$HOME/.config/hallq-kiosk}"
export DISPLAY="${DISPLAY:-:0}"
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome) || {
  echo "hallq-kiosk-browser: install chromium (apt install chromium)" >&2
  exit 1
}

# No screen saver, no blanking, no power saving: a kiosk must always show the page.
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
