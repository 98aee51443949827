#!/bin/sh
# Builds the universal (arm64 + amd64) 家园.app and dist/jiayuan-VERSION-macos-universal.dmg:
#   家园.app/Contents/MacOS/jiayuan         one binary with both slices (lipo)
#   家园.app/Contents/Resources/jiayuan.icns  the project icon (sips + iconutil)
#   家园.app/Contents/Info.plist            packaging/darwin/Info.plist with the version:
#                                          display name 家园, .jyx and .jyb document types
# The disk image holds the app, a link to /Applications (应用程序) and the licences.
# The app is also left at dist/darwin/家园.app for packaging/darwin/check.sh.
#
# MUST RUN ON A MAC (macOS 12+ with the Xcode command-line tools and Go 1.26):
# the program uses cgo (OpenGL, SQLite), which Debian cannot cross-compile for
# macOS, and lipo, iconutil and hdiutil exist only there. CI runs it on GitHub's
# macos runner (.github/workflows/ci.yml); it is never run on the Debian machines.
# Each slice is a plain `go build` with GOARCH set; cmd/go passes clang the right
# -arch, so one Mac builds both. ARCHS="arm64" builds one slice only.
# The app is signed ad hoc only (not notarised): on first start the clerk
# right-clicks 家园 → 打开, or an administrator signs it with a Developer ID.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

if [ "$(uname -s)" != Darwin ]; then
	echo "make package-darwin 必须在 Mac 上运行（需要 macOS、Xcode 命令行工具和 Go）。" >&2
	echo "make package-darwin must run on a Mac (macOS with Xcode command-line tools and Go)." >&2
	exit 2
fi
for tool in go clang lipo sips iconutil plutil hdiutil codesign; do
	command -v "$tool" >/dev/null || { echo "$tool not found (install the Xcode command-line tools and Go)" >&2; exit 1; }
done

version=$(toml_details Version)
build=$(toml_details Build)
[ -n "$version" ] || { echo "FyneApp.toml: no Version" >&2; exit 1; }
archs=${ARCHS:-"arm64 amd64"}
work="$root/dist/build/darwin"
src="$work/src"
app="$root/dist/darwin/家园.app"
out="$root/dist/jiayuan-$version-macos-universal.dmg"
[ "$archs" = "arm64 amd64" ] || out="$root/dist/jiayuan-$version-macos-$(echo "$archs" | tr ' ' '-').dmg"
export MACOSX_DEPLOYMENT_TARGET=11.0 CGO_ENABLED=1

copy_source "$src"
rm -rf "${work:?}/bin"
mkdir -p "$work/bin"
slices=""
for a in $archs; do
	echo "== go build GOARCH=$a"
	(cd "$src" && GOOS=darwin GOARCH="$a" go build -trimpath -tags release -ldflags "-s -w" \
		-o "$work/bin/jiayuan-$a" .)
	slices="$slices $work/bin/jiayuan-$a"
done
echo "== lipo"
# shellcheck disable=SC2086
lipo -create -output "$work/bin/jiayuan" $slices
lipo -info "$work/bin/jiayuan"
for a in $archs; do
	[ "$a" = amd64 ] && a=x86_64
	lipo "$work/bin/jiayuan" -verify_arch "$a" || { echo "the binary has no $a slice" >&2; exit 1; }
done

echo "== icon"
iconset="$work/jiayuan.iconset"
rm -rf "$iconset"
mkdir -p "$iconset"
for s in 16 32 128 256 512; do
	sips -z $s $s "$root/assets/icon.png" --out "$iconset/icon_${s}x${s}.png" >/dev/null
	d=$((s * 2))
	sips -z $d $d "$root/assets/icon.png" --out "$iconset/icon_${s}x${s}@2x.png" >/dev/null
done

echo "== bundle"
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$work/bin/jiayuan" "$app/Contents/MacOS/jiayuan"
iconutil -c icns -o "$app/Contents/Resources/jiayuan.icns" "$iconset"
sed -e "s/@VERSION@/$version/" -e "s/@BUILD@/$build/" "$root/packaging/darwin/Info.plist" \
	>"$app/Contents/Info.plist"
printf 'APPL????' >"$app/Contents/PkgInfo"
plutil -lint "$app/Contents/Info.plist"
[ "$(plutil -extract CFBundleDisplayName raw "$app/Contents/Info.plist")" = 家园 ] ||
	{ echo "Info.plist: CFBundleDisplayName is not 家园" >&2; exit 1; }
licences "$app/Contents/Resources/licenses"
# ad hoc: Apple silicon runs no unsigned code, and lipo and the bundle need a fresh seal
codesign --force --deep --sign - "$app"
codesign --verify --deep --strict "$app"

echo "== disk image"
rm -rf "$work/dmg"
mkdir -p "$work/dmg"
cp -R "$app" "$work/dmg/"
ln -s /Applications "$work/dmg/应用程序"
licences "$work/dmg/licenses"
rm -f "$out"
hdiutil create -volname "家园 $version" -srcfolder "$work/dmg" -fs HFS+ -format UDZO -ov "$out"
ls -l "$out"
