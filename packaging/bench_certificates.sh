#!/usr/bin/env bash
# 500 certificates into one PDF, whole command, side by side with the incumbent:
#   jiayuan -data DIR print certificates ROUND out.pdf
# against ../shared/bench/lo_certificates.sh (a mail-merged document converted by
# LibreOffice headless), on the same machine in the same run. Reports the speed
# ratio (hyperfine), the maximum resident memory of each (/usr/bin/time -v) and
# the file sizes. Usage: packaging/bench_certificates.sh [N=500] [LO_SCRIPT]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-500}
lo=${2:-$root/../shared/bench/lo_certificates.sh}
. "$root/packaging/lib.sh"
ensure_pkgs hyperfine time poppler-utils libreoffice-writer-nogui fonts-noto-cjk

work=$(mktemp -d /tmp/jiayuan-bench-cert.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "== building jiayuan and a data folder with $n named communities"
(cd "$root" && go build -o "$work/jiayuan" .)
(cd "$root" && JIAYUAN_BENCH_STORE="$work/data" JIAYUAN_BENCH_N="$n" \
	go test ./ui/cli -run '^TestMakeBenchStore$' -count=1 >/dev/null)
round=$(cat "$work/data/bench-round.txt")
ours="$work/jiayuan -data $work/data print certificates $round $work/ours.pdf"
theirs="bash $lo $n $work/lo"
export LC_ALL=C.UTF-8

echo "== time (hyperfine)"
hyperfine --style basic --warmup 1 --runs "${RUNS:-5}" --export-json "$work/h.json" \
	-n jiayuan "$ours" -n libreoffice "$theirs" 2>&1 | grep -v '^$'

rss() { # peak resident set of a command, MB
	/usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident set size/ { printf "%.1f", $2/1024 }'
}
mem_ours=$(rss $ours)
mem_lo=$(rss bash "$lo" "$n" "$work/lo")
pages_ours=$(pdfinfo "$work/ours.pdf" | awk '/^Pages/ { print $2 }')
pages_lo=$(pdfinfo "$work/lo/certs.pdf" | awk '/^Pages/ { print $2 }')
size_ours=$(stat -c %s "$work/ours.pdf")
size_lo=$(stat -c %s "$work/lo/certs.pdf")

/usr/bin/python3 - "$work/h.json" <<EOF
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
o, l = r["jiayuan"], r["libreoffice"]
print("== result for $n certificates")
print(f"jiayuan      {o['mean']*1000:8.0f} ms ± {o['stddev']*1000:.0f}   max RSS $mem_ours MB   {$size_ours/1048576:.2f} MB   $pages_ours pages")
print(f"libreoffice  {l['mean']*1000:8.0f} ms ± {l['stddev']*1000:.0f}   max RSS $mem_lo MB   {$size_lo/1048576:.2f} MB   $pages_lo pages")
print(f"speed ratio  {l['mean']/o['mean']:.1f}x faster (target ≥ 8x); memory under 100 MB: {'yes' if $mem_ours < 100 else 'NO'}; file under 2 MB: {'yes' if $size_ours < 2*1048576 else 'NO'}")
EOF
