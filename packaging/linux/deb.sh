#!/bin/sh
# Builds the Debian packages dist/jiayuan_VERSION_ARCH.deb (VERSION from
# FyneApp.toml) for amd64 and arm64, or for the architectures given:
#   sh packaging/linux/deb.sh [amd64] [arm64]
# On an amd64 Debian 12 machine arm64 is cross-built: gcc-aarch64-linux-gnu and
# the arm64 (multiarch) -dev libraries, which this script installs (adding the
# arm64 architecture to dpkg if needed).
#
# Each package holds
#   /usr/bin/jiayuan                                     the program (PIE, hardened cgo flags)
#   /usr/share/applications/cn.gov.jiayuan.app.desktop  made from FyneApp.toml; opens .jyx/.jyb
#   /usr/share/icons/hicolor/*/apps/cn.gov.jiayuan.app.* from assets/icon.png and icon.svg
#   /usr/share/mime/packages/jiayuan.xml                 the .jyx and .jyb file types
#   /usr/share/man/man1/jiayuan.1.gz                     from `jiayuan help`
#   /usr/share/doc/jiayuan/copyright                     DEP-5: the program and every embedded font
#   /usr/share/doc/jiayuan/changelog.gz
# Depends comes from dpkg-shlibdeps on the binary (the arm64 one against the
# arm64 libraries), plus the packages of the X libraries GLFW opens with dlopen
# (their sonames are read from the binary). There are no maintainer scripts: the desktop, icon and MIME
# caches are refreshed by the triggers of desktop-file-utils, hicolor-icon-theme
# and shared-mime-info, and nothing the package does at install or removal goes
# near the clerk's data (~/.local/share/jiayuan). lintian runs on each package
# (LINTIAN=0 skips it); see packaging/linux/NOTES.md for what it may still say.
# Scratch goes to dist/build/deb/.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"
here="$root/packaging/linux"
umask 022

arches=${*:-amd64 arm64}
host=$(dpkg --print-architecture)
version=$(toml_details Version)
[ -n "$version" ] || { echo "FyneApp.toml: no Version" >&2; exit 1; }
work="$root/dist/build/deb"
src="$work/src"
maintainer=${DEB_MAINTAINER:-"Jiayuan developers <dev@jiayuan.invalid>"}

ensure_pkgs gcc pkg-config libgl1-mesa-dev xorg-dev dpkg-dev imagemagick xz-utils
[ "${LINTIAN:-1}" = 0 ] || ensure_pkgs lintian

# The -dev libraries the program's cgo (GLFW, OpenGL) links against, for a
# foreign architecture (xorg-dev itself is Architecture: all, so its pieces).
X_DEV="libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev libxi-dev
libxxf86vm-dev libxext-dev libxfixes-dev libxrender-dev"

# cross_cc ARCH: the C compiler for ARCH.
cross_cc() {
	case "$1" in
	"$host") echo gcc ;;
	arm64) echo aarch64-linux-gnu-gcc ;;
	amd64) echo x86_64-linux-gnu-gcc ;;
	*) echo "unsupported architecture $1" >&2; return 1 ;;
	esac
}
# cross_pkgs ARCH: for a foreign ARCH, its C compiler and libraries (the
# runtime ones, libc6:arm64 and the X/GL libraries, also let test-deb.sh run
# the arm64 binary under qemu).
cross_pkgs() {
	[ "$1" = "$host" ] && return 0
	if ! dpkg --print-foreign-architectures | grep -qx "$1"; then
		sudo=""
		[ "$(id -u)" = 0 ] || sudo=sudo
		echo "dpkg --add-architecture $1"
		$sudo dpkg --add-architecture "$1"
		$sudo apt-get update -qq
	fi
	case "$1" in
	arm64) cc_pkg=gcc-aarch64-linux-gnu ;;
	amd64) cc_pkg=gcc-x86-64-linux-gnu ;;
	esac
	pkgs="$cc_pkg libc6-dev:$1"
	for p in $X_DEV; do pkgs="$pkgs $p:$1"; done
	# shellcheck disable=SC2086
	ensure_pkgs $pkgs
}

# go_build ARCH OUT: the program for ARCH. Hardened like Debian's C packages
# (dpkg-buildflags): PIE, relro/now, fortify and stack protector for the cgo
# parts (GLFW, SQLite). The flags are fixed here, not read from dpkg-buildflags,
# so that Go's build cache is shared between runs and folders.
go_build() {
	cc=$(cross_cc "$1")
	triplet=$(dpkg-architecture -a"$1" -qDEB_HOST_MULTIARCH 2>/dev/null)
	pc_libdir=""
	[ "$1" = "$host" ] || pc_libdir="/usr/lib/$triplet/pkgconfig:/usr/share/pkgconfig"
	(cd "$src" && env CGO_ENABLED=1 GOOS=linux GOARCH="$1" CC="$cc" \
		${pc_libdir:+PKG_CONFIG_LIBDIR="$pc_libdir"} ${pc_libdir:+PKG_CONFIG_PATH=} \
		CGO_CFLAGS="-g -O2 -fstack-protector-strong -Wformat -Werror=format-security -D_FORTIFY_SOURCE=2" \
		go build -trimpath -tags release -buildmode=pie \
		-ldflags "-s -w -extldflags '-Wl,-z,relro -Wl,-z,now'" -o "$2" .)
}

# toml_list TABLE KEY: a FyneApp.toml array as a .desktop list ("a;b;c;").
toml_list() {
	awk -v table="[$1]" -v key="$2" '
		/^\[/ { in_t = ($0 == table) }
		in_t && $1 == key {
			sub(/^[^=]*=[ \t]*\[/, ""); sub(/\][ \t]*$/, "")
			n = split($0, parts, ",")
			for (i = 1; i <= n; i++) { v = parts[i]; gsub(/^[ \t]*"|"[ \t]*$/, "", v); printf "%s;", v }
			print ""; exit
		}' "$root/FyneApp.toml"
}
toml_value() {
	awk -v table="[$1]" -v key="$2" '
		/^\[/ { in_t = ($0 == table) }
		in_t && $1 == key { sub(/^[^=]*=[ \t]*/, ""); gsub(/"/, ""); print; exit }' "$root/FyneApp.toml"
}

# The files common to every architecture, made once into $common.
make_common() {
	common="$work/common"
	rm -rf "$common"
	app_id=$(toml_details ID)
	name=$(toml_details Name)

	apps="$common/usr/share/applications"
	mkdir -p "$apps"
	{
		echo "[Desktop Entry]"
		echo "Type=Application"
		echo "Name=$name"
		echo "GenericName=$(toml_value LinuxAndBSD GenericName)"
		echo "Comment=$(toml_value LinuxAndBSD Comment)"
		echo "Exec=jiayuan %f"
		echo "Icon=$app_id"
		echo "Terminal=false"
		echo "Categories=$(toml_list LinuxAndBSD Categories)"
		echo "Keywords=$(toml_list LinuxAndBSD Keywords)"
		echo "MimeType=application/x-jiayuan-exchange;application/x-jiayuan-backup;"
	} >"$apps/$app_id.desktop"
	grep -q '^Name=家园$' "$apps/$app_id.desktop" || { echo "desktop entry: no Name=家园" >&2; exit 1; }
	grep -q '^Comment=..' "$apps/$app_id.desktop" || { echo "desktop entry: no Comment" >&2; exit 1; }

	mkdir -p "$common/usr/share/mime/packages"
	cp "$here/jiayuan-mime.xml" "$common/usr/share/mime/packages/jiayuan.xml"

	# hicolor icons: the PNG sizes desktops look for, and the SVG as scalable
	for s in 16 22 24 32 48 64 128 256 512; do
		d="$common/usr/share/icons/hicolor/${s}x$s/apps"
		mkdir -p "$d"
		convert "$root/assets/icon.png" -filter Lanczos -resize "${s}x$s" -strip \
			-define png:exclude-chunks=date,time "PNG32:$d/$app_id.png"
	done
	mkdir -p "$common/usr/share/icons/hicolor/scalable/apps"
	cp "$root/assets/icon.svg" "$common/usr/share/icons/hicolor/scalable/apps/$app_id.svg"

	doc="$common/usr/share/doc/jiayuan"
	mkdir -p "$doc"
	sh "$here/deb-copyright.sh" "$root" "$work/bin/$host/jiayuan" >"$doc/copyright"
	date_r=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
	{
		echo "jiayuan ($version) stable; urgency=medium"
		echo
		echo "  * 家园 $version（FyneApp.toml Build $(toml_details Build)），源代码提交 $commit。"
		echo
		echo " -- $maintainer  $date_r"
	} >"$work/debian/changelog"
	gzip -9n <"$work/debian/changelog" >"$doc/changelog.gz"
}

# manpage BIN: jiayuan.1 from the program's own help (run on the build machine's binary).
make_manpage() {
	mkdir -p "$common/usr/share/man/man1"
	{
		echo ".TH JIAYUAN 1 \"$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)\" \"jiayuan $version\" \"家园\""
		echo ".ad l"
		echo ".nh"
		echo ".SH 名称"
		echo "jiayuan \\- 家园：$(toml_value LinuxAndBSD GenericName)"
		echo ".SH 用法"
		echo ".B jiayuan"
		echo "[\\-data 数据目录] [\\-operator 操作人] [命令 参数…]"
		echo ".SH 说明"
		echo "$(toml_value LinuxAndBSD Comment)。"
		echo "不带命令时打开窗口；数据默认保存在 ~/.local/share/jiayuan（或 \$XDG_DATA_HOME/jiayuan）。"
		echo "卸载软件包不会删除这些数据。"
		echo ".SH 命令"
		"$1" help 2>&1 | awk '
			NR <= 2 { next }
			/^  [^ ]/ { sub(/^  /, ""); gsub(/\\/, "\\\\"); gsub(/-/, "\\-"); print ".TP"; print ".B " $0; next }
			/^      / { sub(/^ +/, ""); gsub(/\\/, "\\\\"); gsub(/-/, "\\-"); print; next }'
	} >"$work/jiayuan.1"
	grep -q '^\.B version' "$work/jiayuan.1" || { echo "man page: no commands from jiayuan help" >&2; exit 1; }
	# groff knows no Chinese line breaking: a break point (\:) after Chinese
	# characters and "|" (never before closing punctuation), or long lines
	# "can't break" (lintian: groff-message)
	perl -CSD -Mutf8 -pi -e 'next if /^\.(TH|SH|TP|ad|nh)/;
		s/([\p{Han}\x{3000}-\x{303F}\x{FF00}-\x{FFEF}|])(?=\S)(?![，。、；：）”》！？…])/$1\\:/g' "$work/jiayuan.1"
	gzip -9n <"$work/jiayuan.1" >"$common/usr/share/man/man1/jiayuan.1.gz"
}

# package ARCH: dist/jiayuan_VERSION_ARCH.deb
package() {
	arch=$1
	pkgdir="$work/$arch"
	tree="$pkgdir/debian/jiayuan"
	out="$root/dist/jiayuan_${version}_$arch.deb"
	rm -rf "$pkgdir"
	mkdir -p "$tree/usr/bin" "$tree/DEBIAN" "$pkgdir/debian"
	cp -R "$common/." "$tree/"
	cp "$work/bin/$arch/jiayuan" "$tree/usr/bin/jiayuan"
	cp "$work/debian/changelog" "$pkgdir/debian/"
	sed "s/^Maintainer: .*/Maintainer: $maintainer/" "$here/deb-control" >"$pkgdir/debian/control"

	echo "== $arch: dpkg-shlibdeps, dpkg-gencontrol"
	# run as if building on ARCH: dpkg-shlibdeps then looks in ARCH's library
	# folders (/usr/lib/aarch64-linux-gnu for arm64) and ARCH's packages
	(cd "$pkgdir" && CC=$(cross_cc "$arch") dpkg-architecture -a"$arch" -f -c \
		dpkg-shlibdeps -Tdebian/jiayuan.substvars debian/jiayuan/usr/bin/jiayuan)
	# GLFW opens the X extension libraries (Xcursor, Xrandr, Xi, ...) with
	# dlopen, so dpkg-shlibdeps cannot see them: the packages that hold the
	# sonames named in the binary, for ARCH
	triplet=$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH 2>/dev/null)
	dl=""
	for so in $(strings "$tree/usr/bin/jiayuan" | grep -E '^libX[A-Za-z0-9-]*\.so\.[0-9]+$' | sort -u); do
		p=$(dpkg -S "/usr/lib/$triplet/$so" 2>/dev/null | head -n 1 | cut -d: -f1)
		[ -n "$p" ] || { echo "$arch: no installed package holds /usr/lib/$triplet/$so" >&2; exit 1; }
		# already there when linked (libX11)
		grep -Eq "^shlibs:Depends=(.*, )?$p( |,|\$)" "$pkgdir/debian/jiayuan.substvars" && continue
		dl="$dl${dl:+, }$p"
	done
	echo "dlopen:Depends=$dl" >>"$pkgdir/debian/jiayuan.substvars"
	(cd "$pkgdir" && CC=$(cross_cc "$arch") dpkg-architecture -a"$arch" -f -c \
		dpkg-gencontrol -pjiayuan -v"$version" -Tdebian/jiayuan.substvars -Pdebian/jiayuan)
	cat "$pkgdir/debian/jiayuan.substvars"
	grep -q '^Depends: .*libc6' "$tree/DEBIAN/control" || { echo "$arch: Depends without libc6" >&2; exit 1; }
	(cd "$tree" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums)
	chmod 0644 "$tree/DEBIAN/control" "$tree/DEBIAN/md5sums"
	find "$tree" -type d -exec chmod 0755 {} +

	mkdir -p "$root/dist"
	dpkg-deb --root-owner-group -Zxz --build "$tree" "$out"
	dpkg-deb -I "$out"
	if [ "${LINTIAN:-1}" != 0 ]; then
		echo "== $arch: lintian"
		# every error or warning must be one that packaging/linux/NOTES.md explains
		# (listed in lintian-explained); info-level tags are printed only
		lintian --display-info "$out" >"$pkgdir/lintian.txt" 2>&1 || true
		cat "$pkgdir/lintian.txt"
		sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$here/lintian-explained" >"$pkgdir/explained"
		awk '/^[EW]: / { print $3 }' "$pkgdir/lintian.txt" | sort -u | grep -vxF -f "$pkgdir/explained" >"$pkgdir/unexplained" || true
		if [ -s "$pkgdir/unexplained" ]; then
			echo "lintian: not explained in packaging/linux/NOTES.md: $(tr '\n' ' ' <"$pkgdir/unexplained")" >&2
			exit 1
		fi
		grep -q '^[EW]: ' "$pkgdir/lintian.txt" || echo "lintian: no errors or warnings"
	fi
	ls -l "$out"
}

copy_source "$src"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo worktree)
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
for a in $arches; do cross_pkgs "$a"; done
# the binaries; the build machine's own one also makes the man page
rm -rf "$work/bin"
for a in $host $arches; do
	[ -f "$work/bin/$a/jiayuan" ] && continue
	echo "== $a: go build"
	mkdir -p "$work/bin/$a"
	go_build "$a" "$work/bin/$a/jiayuan"
	file "$work/bin/$a/jiayuan"
done
mkdir -p "$work/debian"
make_common
make_manpage "$work/bin/$host/jiayuan"
for a in $arches; do package "$a"; done
