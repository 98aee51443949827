#!/usr/bin/env bash
# Regenerates assets/samples/decision-2021.png: the first page of the 2021 demo
# 命名决定 with its full red 版头 (发文字号 华阳街道党工委发〔2021〕12号), printed
# from the demo data through the command line and rendered at 50 dpi.
# Usage: packaging/render_samples.sh   (needs Go and poppler-utils' pdftoppm)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/packaging/lib.sh"
command -v pdftoppm >/dev/null || ensure_pkgs poppler-utils
export PATH="$PATH:/usr/local/go/bin"

work=$(mktemp -d /tmp/jiayuan-samples.XXXXXX)
trap 'rm -rf "$work"' EXIT
(cd "$root" && go build -o "$work/jiayuan" .)
"$work/jiayuan" -data "$work/data" demo >/dev/null
round=$("$work/jiayuan" -data "$work/data" rounds | awk -F'\t' '$2 == "2021" { print $1; exit }')
[ -n "$round" ] || { echo "no 2021 round in the demo data" >&2; exit 1; }
"$work/jiayuan" -data "$work/data" print decision -wenhao '华阳街道党工委发〔2021〕12号' "$round" "$work/decision.pdf" >/dev/null
mkdir -p "$root/assets/samples"
pdftoppm -png -r 50 -f 1 -l 1 -singlefile "$work/decision.pdf" "$root/assets/samples/decision-2021"
ls -l "$root/assets/samples/decision-2021.png"
