#!/bin/sh
# Builds dist/jiayuan-VERSION-macos-ARCH.dmg: `fyne package -os darwin` makes
# 家园.app, hdiutil puts it on a disk image beside a link to /Applications.
#
# MUST RUN ON A MAC (macOS with the Xcode command-line tools and Go): the
# program uses cgo (OpenGL, SQLite), which Debian cannot cross-compile for
# macOS, and hdiutil exists only on macOS. Not verified on the project's
# Debian machines. The app is built for the Mac's own architecture
# (arm64 on Apple silicon, amd64 on Intel); GOARCH=amd64 or arm64 picks another.
# The app is not signed or notarised: on first start the clerk right-clicks
# 家园 → 打开, or an administrator signs it with `fyne package --certificate`.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

if [ "$(uname -s)" != Darwin ]; then
	echo "make package-darwin 必须在 Mac 上运行（需要 macOS、Xcode 命令行工具和 Go）。" >&2
	echo "make package-darwin must run on a Mac (macOS with Xcode command-line tools and Go)." >&2
	exit 2
fi
command -v hdiutil >/dev/null || { echo "hdiutil not found" >&2; exit 1; }
ensure_fyne_tool

version=$(toml_details Version)
arch=${GOARCH:-$(go env GOARCH)}
export GOARCH="$arch"
work="$root/dist/build/darwin"
src="$work/src"
out="$root/dist/jiayuan-$version-macos-$arch.dmg"

copy_source "$src"
(cd "$src" && "$FYNE" package -os darwin --release)
app=$(ls -d "$src"/*.app)

rm -rf "$work/dmg"
mkdir -p "$work/dmg"
cp -R "$app" "$work/dmg/"
ln -s /Applications "$work/dmg/应用程序"
licences "$work/dmg/licenses"
rm -f "$out"
hdiutil create -volname "家园 $version" -srcfolder "$work/dmg" -fs HFS+ -format UDZO -ov "$out"
ls -l "$out"
