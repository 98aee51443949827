#!/bin/sh
# Checks the Mac disk image made by build.sh, on a Mac (CI's macos runner):
# mounts it read-only and runs the program's command-line jobs from inside the
# bundle on the image: version, demo into a data folder with a Chinese name,
# rounds, and print certificates / communities to PDFs; checks the Info.plist,
# the icon and that the binary has both slices. When Rosetta is there, the
# amd64 slice runs `version` too. Exits non-zero at the first failed step.
#
# Usage: sh packaging/darwin/check.sh [FILE.dmg]   (default: the one build.sh made)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

version=$(toml_details Version)
dmg=${1:-"$root/dist/jiayuan-$version-macos-universal.dmg"}
[ -f "$dmg" ] || { echo "no disk image $dmg: run packaging/darwin/build.sh first" >&2; exit 1; }

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

mnt=$(mktemp -d)
work=$(mktemp -d)
hdiutil attach -readonly -nobrowse -mountpoint "$mnt" "$dmg" >/dev/null
trap 'hdiutil detach "$mnt" >/dev/null 2>&1 || true' EXIT INT TERM

app="$mnt/家园.app"
exe="$app/Contents/MacOS/jiayuan"
plist="$app/Contents/Info.plist"
[ -x "$exe" ] || fail "no $exe on the image"
[ -L "$mnt/应用程序" ] || fail "no link to /Applications on the image"
[ -f "$app/Contents/Resources/jiayuan.icns" ] || fail "no icon"
[ -f "$app/Contents/Resources/licenses/OFL-UI-fonts.txt" ] || fail "font licence not in the bundle"
plutil -lint "$plist" >/dev/null || fail "Info.plist is not a valid plist"
[ "$(plutil -extract CFBundleDisplayName raw "$plist")" = 家园 ] || fail "display name is not 家园"
[ "$(plutil -extract CFBundleShortVersionString raw "$plist")" = "$version" ] || fail "version is not $version"
for ext in jyx jyb; do
	plutil -convert json -o - "$plist" | grep -q "\"$ext\"" || fail "Info.plist declares no .$ext type"
done
archs=$(lipo -archs "$exe")
echo "slices: $archs"
case " $archs " in *" arm64 "*) ;; *) fail "no arm64 slice" ;; esac
case " $archs " in *" x86_64 "*) ;; *) fail "no x86_64 slice" ;; esac
codesign --verify --deep --strict "$app" || fail "the bundle's signature is broken"

echo "== version"
"$exe" version | tee "$work/version.txt"
grep -q "$version" "$work/version.txt" || fail "version does not say $version"
if arch -x86_64 /usr/bin/true 2>/dev/null; then
	arch -x86_64 "$exe" version | grep -q "$version" || fail "the x86_64 slice does not run"
	echo "x86_64 slice runs (Rosetta)"
else
	echo "no Rosetta here: the x86_64 slice is only checked by lipo"
fi

data="$work/街道数据"
echo "== demo into $data"
"$exe" -data "$data" demo
[ -f "$data/jiayuan.db" ] || fail "demo made no jiayuan.db"
"$exe" -data "$data" rounds | tee "$work/rounds.txt"
round=$(awk '/已命名/ { print $1; exit }' "$work/rounds.txt") # a round with named winners
[ -n "$round" ] || fail "the demo has no round with named winners"

echo "== print"
"$exe" -data "$data" print certificates "$round" "$work/证书.pdf"
"$exe" -data "$data" print communities "$work/社区名册.pdf"
for f in "$work/证书.pdf" "$work/社区名册.pdf"; do
	[ "$(head -c 5 "$f")" = "%PDF-" ] || fail "$f is not a PDF"
	echo "$(basename "$f"): $(wc -c <"$f") bytes"
done
echo "PASS: $(basename "$dmg"): 家园.app ($archs) runs its jobs from the bundle"
