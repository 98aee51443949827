#!/bin/sh
# Renders the README screenshots (概览, 小区, 评选, 帮助 at 1366×768) into
# assets/screenshots/*.png from Fyne's test driver: the same rendering as the
# golden screenshots (ui/golden_test.go), with the demo data and a fixed clock.
# It also rewrites the goldens (ui/testdata/golden), as
# `go test ./ui -run TestGoldenScreens -update` does.
set -eu
cd "$(dirname "$0")/.."
GO=${GO:-$(command -v go || echo /usr/local/go/bin/go)}
mkdir -p assets/screenshots
JIAYUAN_SCREENSHOTS="$PWD/assets/screenshots" "$GO" test -count=1 ./ui -run 'TestGoldenScreens$' -update
ls -l assets/screenshots
