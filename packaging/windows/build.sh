#!/bin/sh
# Cross-builds jiayuan.exe for 64-bit Windows on Debian with mingw-w64 and wraps
# it in an NSIS installer: dist/jiayuan-VERSION-windows-amd64-setup.exe.
# A cold build (Fyne's and SQLite's C code for Windows) takes about 10 minutes
# on 2 cores; later builds are cached.
#
# The program is a plain `go build` (cgo, CC=x86_64-w64-mingw32-gcc) linked with
# a resource .syso made by windres: multi-size icon, manifest, Chinese version
# information. The build runs in a copy of the tree (dist/build/windows/src) so
# that the .syso never lands next to main.go in the work tree.
#
# The same script runs natively on Windows in an MSYS2 MINGW64 shell (CI's
# windows runner: gcc, binutils, librsvg, imagemagick and nsis from pacman),
# where the tools have no x86_64-w64-mingw32- prefix and makensis wants
# Windows paths.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

if command -v dpkg >/dev/null 2>&1; then
	ensure_pkgs gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64 nsis librsvg2-bin imagemagick
fi
if command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
	cross=x86_64-w64-mingw32-
else
	cross="" # MSYS2 MINGW64: native gcc
fi
magick=convert
command -v magick >/dev/null 2>&1 && magick=magick
# winpath PATH: PATH as makensis on Windows wants it (unchanged elsewhere)
winpath() {
	if command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else printf '%s\n' "$1"; fi
}

version=$(toml_details Version)
build=$(toml_details Build)
[ -n "$version" ] || { echo "FyneApp.toml: no Version" >&2; exit 1; }
IFS=. read -r major minor patch <<EOV
$version
EOV

work="$root/dist/build/windows"
src="$work/src"
stage="$work/stage"
out="$root/dist/jiayuan-$version-windows-amd64-setup.exe"
mkdir -p "$work"

echo "== icon"
for s in 16 20 24 32 40 48 64 128 256; do
	rsvg-convert -w $s -h $s "$root/assets/icon.svg" -o "$work/icon-$s.png"
done
$magick "$work"/icon-16.png "$work"/icon-20.png "$work"/icon-24.png "$work"/icon-32.png \
	"$work"/icon-40.png "$work"/icon-48.png "$work"/icon-64.png "$work"/icon-128.png \
	"$work"/icon-256.png "$work/jiayuan.ico"

echo "== resources"
copy_source "$src"
sed "s/@VERSION4@/$major.$minor.$patch.$build/" "$root/packaging/windows/jiayuan.exe.manifest.in" \
	>"$work/jiayuan.exe.manifest"
cp "$root/packaging/windows/jiayuan.rc" "$work/"
(cd "$work" && "${cross}windres" -c 65001 -O coff \
	-DVER_MAJOR="$major" -DVER_MINOR="$minor" -DVER_PATCH="$patch" -DVER_BUILD="$build" \
	-DVER_STR="\\\"$version\\\"" \
	-i jiayuan.rc -o "$src/rsrc_windows_amd64.syso")

echo "== go build (GOOS=windows, mingw-w64)"
rm -rf "$stage"
mkdir -p "$stage"
(cd "$src" && GOOS=windows GOARCH=amd64 CGO_ENABLED=1 \
	CC="${cross}gcc" CXX="${cross}g++" \
	go build -trimpath -tags release \
		-ldflags "-s -w -H=windowsgui -extldflags=-static" \
		-o "$stage/jiayuan.exe" .)
# the program must not need mingw's own DLLs on the clerk's machine
if "${cross}objdump" -p "$stage/jiayuan.exe" | grep -iE 'DLL Name: (libgcc|libwinpthread|libstdc)'; then
	echo "jiayuan.exe depends on a mingw runtime DLL" >&2
	exit 1
fi
licences "$stage/licenses"

echo "== installer (makensis)"
makensis -V2 -INPUTCHARSET UTF8 \
	-DVERSION="$version" -DBUILD="$build" -DSTAGE="$(winpath "$stage")" -DICON="$(winpath "$work/jiayuan.ico")" \
	-DOUTFILE="$(winpath "$out")" "$(winpath "$root/packaging/windows/jiayuan.nsi")"
ls -l "$stage/jiayuan.exe" "$out"
