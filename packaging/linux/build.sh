#!/bin/sh
# Builds dist/jiayuan-VERSION-linux-ARCH.tar.xz with `fyne package -os linux`:
#   jiayuan/usr/local/bin/jiayuan
#   jiayuan/usr/local/share/applications/cn.gov.jiayuan.app.desktop
#   jiayuan/usr/local/share/pixmaps/cn.gov.jiayuan.app.png
#   jiayuan/Makefile        (`sudo make install` / `make user-install`, from fyne)
#   jiayuan/licenses/       (the program's and the embedded fonts' licences)
# Runs in a copy of the tree (dist/build/linux/src), so fyne's temporary files
# never land next to main.go in the work tree.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

ensure_pkgs gcc pkg-config libgl1-mesa-dev xorg-dev xz-utils
ensure_fyne_tool

version=$(toml_details Version)
arch=$(go env GOARCH)
work="$root/dist/build/linux"
src="$work/src"
out="$root/dist/jiayuan-$version-linux-$arch.tar.xz"

copy_source "$src"
rm -f "$src"/*.tar.xz
(cd "$src" && "$FYNE" package -os linux --release)
tarball=$(ls "$src"/*.tar.xz)

rm -rf "$work/pkg"
mkdir -p "$work/pkg"
tar -C "$work/pkg" -xJf "$tarball"
top=$(ls "$work/pkg")
[ "$top" = jiayuan ] || { echo "unexpected layout in $tarball: $top" >&2; exit 1; }
licences "$work/pkg/jiayuan/licenses"
desktop=$(ls "$work/pkg"/jiayuan/usr/local/share/applications/*.desktop)
grep -q '^Name=家园$' "$desktop" || { echo "$desktop: no Name=家园" >&2; exit 1; }
tar -C "$work/pkg" -cJf "$out" jiayuan
tar -tJvf "$out"
echo "--- $(basename "$desktop")"
cat "$desktop"
ls -l "$out"
