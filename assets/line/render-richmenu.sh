#!/bin/sh
# Renders richmenu.svg to richmenu.png (2500x1686) with headless Chromium and the Noto CJK fonts.
# Run after editing the SVG:  ./assets/line/render-richmenu.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=2500,1686 --screenshot="$here/richmenu.png" "file://$here/richmenu.svg" >/dev/null 2>&1
echo "wrote $here/richmenu.png"
