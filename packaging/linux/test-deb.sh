#!/bin/sh
# Checks the Debian packages that packaging/linux/deb.sh made (make test-deb):
#   1. both packages' metadata and contents (dpkg-deb -I/-c): name, version,
#      architecture, a sane Depends (computed, libc6 and the X11/OpenGL
#      libraries, the same for amd64 and arm64), no maintainer scripts, every
#      file in place with root ownership, a stripped hardened (PIE, relro/now,
#      fortify) binary of the right architecture; the desktop entry passes
#      desktop-file-validate, the MIME XML passes xmllint and
#      update-mime-database maps *.jyx and *.jyb to their types, the icons have
#      their sizes, the copyright file is DEP-5 and names every font in assets/fonts;
#   2. amd64 on a fresh Debian 12: debootstrap makes a minimal bookworm in
#      dist/build/deb-test/root (kept as a tarball for the next run),
#      `apt install ./jiayuan_…_amd64.deb` pulls what it needs, a clerk account
#      runs `jiayuan version`, `demo`, `rounds` and `print certificates` from it,
#      the window opens on the host's Xvfb (screenshot dist/deb-amd64-screenshot.png),
#      `apt purge jiayuan` removes the program (and, through the triggers of
#      shared-mime-info and desktop-file-utils, its file types) but keeps the
#      clerk's data, and installing again registers .jyx/.jyb for the desktop entry.
#      Without debootstrap or a reachable mirror (DEB_TEST_CHROOT=0 forces it):
#      dpkg -x, and apt-get -s checks the host can satisfy Depends;
#   3. arm64 under qemu-user-static: the arm64 binary from its package runs the
#      same jobs against the host's arm64 libraries, and the certificates' PDF
#      text (pdftotext) equals the amd64 one's.
# Exits non-zero with a message at the first failed check.
# Usage: sh packaging/linux/test-deb.sh   (after make package-deb)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

ensure_pkgs qemu-user-static debootstrap desktop-file-utils libxml2-utils shared-mime-info \
	poppler-utils imagemagick xvfb x11-utils xdotool file

version=$(toml_details Version)
app_id=$(toml_details ID)
work="$root/dist/build/deb-test"
chroot_dir="$work/root"
cache="$root/dist/build/debootstrap-bookworm.tar"
shot="$root/dist/deb-amd64-screenshot.png"
mirror=${DEB_MIRROR:-http://deb.debian.org/debian}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}
step() { echo "== $*"; }

xvfb_pid=""
app_pid=""
DISPLAY_IN=""
cleanup() {
	[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
	if mountpoint -q "$chroot_dir/proc" 2>/dev/null; then umount "$chroot_dir/proc" || true; fi
}
trap cleanup EXIT INT TERM

# a chroot tree is only ever deleted with nothing mounted in it
remove_tree() {
	if [ -d "$1/proc" ] && mountpoint -q "$1/proc"; then umount "$1/proc"; fi
	if grep -q " $1/" /proc/mounts; then fail "something is still mounted under $1"; fi
	rm -rf "$1"
}

[ -d "$work" ] && remove_tree "$chroot_dir"
rm -rf "$work"
mkdir -p "$work"

# ---------------------------------------------------------------- 1. metadata
depends_of() { dpkg-deb -f "$1" Depends; }

check_package() {
	arch=$1
	deb="$root/dist/jiayuan_${version}_$arch.deb"
	[ -f "$deb" ] || fail "no $deb: run make package-deb first"
	step "$arch: $(basename "$deb") metadata and contents"
	dpkg-deb -I "$deb" >"$work/info-$arch.txt"
	[ "$(dpkg-deb -f "$deb" Package)" = jiayuan ] || fail "$arch: Package is not jiayuan"
	[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$arch: Version is not $version"
	[ "$(dpkg-deb -f "$deb" Architecture)" = "$arch" ] || fail "$arch: wrong Architecture"
	[ "$(dpkg-deb -f "$deb" Installed-Size)" -gt 1000 ] || fail "$arch: Installed-Size too small"
	deps=$(depends_of "$deb")
	echo "Depends: $deps"
	# linked (dpkg-shlibdeps) and opened by GLFW with dlopen
	for lib in libc6 libx11-6 libgl1 libxcursor1 libxrandr2 libxi6 libxinerama1 libxxf86vm1; do
		echo "$deps" | grep -Eq "(^|, )$lib( |,|$)" || fail "$arch: Depends lacks $lib: $deps"
	done
	echo "$deps" | grep -Eq '\-dev|:arm64|:amd64|cross' && fail "$arch: odd Depends: $deps"
	echo "$deps" | grep -q 'libc6 (>= 2\.' || fail "$arch: libc6 without a version: $deps"
	dpkg-deb -f "$deb" Description | grep -q '家园' || fail "$arch: Description not 家园"

	# no maintainer scripts: nothing runs at install or removal
	ctl=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' | grep -v '^$' | sort | tr '\n' ' ')
	[ "$ctl" = "control md5sums " ] || fail "$arch: control archive holds more than control and md5sums: $ctl"

	dpkg-deb -c "$deb" >"$work/contents-$arch.txt"
	awk '$2 != "root/root" { print; bad = 1 } END { exit bad }' "$work/contents-$arch.txt" ||
		fail "$arch: files not owned by root"
	for f in ./usr/bin/jiayuan ./usr/share/applications/$app_id.desktop \
		./usr/share/mime/packages/jiayuan.xml ./usr/share/doc/jiayuan/copyright \
		./usr/share/doc/jiayuan/changelog.gz ./usr/share/man/man1/jiayuan.1.gz \
		./usr/share/icons/hicolor/scalable/apps/$app_id.svg; do
		grep -q " $f\$" "$work/contents-$arch.txt" || fail "$arch: $f missing"
	done
	grep -q '^-rwxr-xr-x root/root .* \./usr/bin/jiayuan$' "$work/contents-$arch.txt" ||
		fail "$arch: /usr/bin/jiayuan is not -rwxr-xr-x"
	grep -v '^d' "$work/contents-$arch.txt" | grep -v ' \./usr/' && fail "$arch: files outside /usr"

	x="$work/x-$arch"
	dpkg-deb -x "$deb" "$x"
	case $arch in
	amd64) want="x86-64" ;;
	arm64) want="ARM aarch64" ;;
	esac
	file -b "$x/usr/bin/jiayuan" | tee "$work/file-$arch.txt"
	grep -q "ELF 64-bit LSB pie executable, $want" "$work/file-$arch.txt" || fail "$arch: not a $want PIE"
	grep -q 'stripped' "$work/file-$arch.txt" && ! grep -q 'not stripped' "$work/file-$arch.txt" ||
		fail "$arch: binary not stripped"

	# hardened like Debian's C programs: PIE, full relro, fortified cgo parts
	readelf -d "$x/usr/bin/jiayuan" | grep -q 'FLAGS_1.*NOW.*PIE' || fail "$arch: not linked with -z now as PIE"
	readelf -lW "$x/usr/bin/jiayuan" | grep -q GNU_RELRO || fail "$arch: no relro segment"
	readelf -W --dyn-syms "$x/usr/bin/jiayuan" | grep -q '__[a-z_]*_chk' || fail "$arch: no fortified libc calls"

	desktop="$x/usr/share/applications/$app_id.desktop"
	v=$(desktop-file-validate "$desktop" 2>&1) || fail "$arch: desktop-file-validate: $v"
	[ -z "$v" ] || fail "$arch: desktop-file-validate warns: $v"
	for l in 'Name=家园' 'Exec=jiayuan %f' "Icon=$app_id" 'Terminal=false' \
		'MimeType=application/x-jiayuan-exchange;application/x-jiayuan-backup;'; do
		grep -qxF "$l" "$desktop" || fail "$arch: desktop entry has no line $l"
	done
	grep -q '^Comment=.*[社区评选]' "$desktop" || fail "$arch: desktop entry has no Chinese Comment"

	xml="$x/usr/share/mime/packages/jiayuan.xml"
	xmllint --noout "$xml" || fail "$arch: MIME XML not well-formed"
	grep -q 'xml:lang="zh_CN">家园交换文件<' "$xml" || fail "$arch: no Chinese comment for .jyx"
	grep -q 'xml:lang="zh_CN">家园备份文件<' "$xml" || fail "$arch: no Chinese comment for .jyb"
	# what the desktop will make of it: a MIME database with only the
	# freedesktop types and ours
	m="$work/xdg-$arch/mime"
	mkdir -p "$m/packages"
	cp /usr/share/mime/packages/freedesktop.org.xml "$xml" "$m/packages/"
	XDG_DATA_DIRS="$work/xdg-$arch" update-mime-database "$m" 2>"$work/mime-$arch.err" || fail "$arch: update-mime-database: $(cat "$work/mime-$arch.err")"
	[ -s "$work/mime-$arch.err" ] && fail "$arch: update-mime-database warns: $(cat "$work/mime-$arch.err")"
	grep -q ':application/x-jiayuan-exchange:\*\.jyx' "$m/globs2" || fail "$arch: *.jyx not in globs2"
	grep -q ':application/x-jiayuan-backup:\*\.jyb' "$m/globs2" || fail "$arch: *.jyb not in globs2"
	grep -q '^application/x-jiayuan-exchange application/zip$' "$m/subclasses" || fail "$arch: .jyx not a zip subclass"

	for s in 16 22 24 32 48 64 128 256 512; do
		png="$x/usr/share/icons/hicolor/${s}x$s/apps/$app_id.png"
		[ "$(identify -format '%wx%h' "$png" 2>/dev/null)" = "${s}x$s" ] || fail "$arch: icon ${s}x$s missing or wrong size"
	done

	cr="$x/usr/share/doc/jiayuan/copyright"
	head -n 1 "$cr" | grep -q '^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ||
		fail "$arch: copyright is not DEP-5"
	# every font in the source tree is named in a Files: paragraph
	for font in $(cd "$root" && find assets/fonts -name '*.ttf' -o -name '*.otf' | sort); do
		grep -q "^Files:.* $font\\( \\|\$\\)" "$cr" || fail "$arch: copyright has no Files: for $font"
	done
	for lic in Expat OFL-1.1 'GPL-3 with font exception' Arphic-1999; do
		grep -qx "License: $lic" "$cr" || fail "$arch: copyright has no licence text for $lic"
	done
	zcat "$x/usr/share/doc/jiayuan/changelog.gz" | head -n 1 | grep -q "^jiayuan ($version) " ||
		fail "$arch: changelog's first entry is not $version"
	zcat "$x/usr/share/man/man1/jiayuan.1.gz" | grep -q '^\.B print' || fail "$arch: man page lacks print"
}

check_package amd64
check_package arm64
[ "$(depends_of "$root/dist/jiayuan_${version}_amd64.deb")" = "$(depends_of "$root/dist/jiayuan_${version}_arm64.deb")" ] ||
	fail "amd64 and arm64 Depends differ"
echo "amd64 and arm64 Depends agree"

# --------------------------------------------------------- 2. amd64 installed
# run_jobs PREFIX... : the program's jobs, PREFIX being how to run it; writes
# $work/out-$tag.pdf and .txt ($tag set by the caller)
run_jobs() {
	out=$("$@" version) || fail "$tag: version failed"
	echo "$tag: $out"
	[ "$out" = "家园 $version ($(toml_details Build))" ] || fail "$tag: version says: $out"
	"$@" -data "$data" demo || fail "$tag: demo"
	"$@" -data "$data" rounds | tee "$work/rounds-$tag.txt"
	grep -q '已命名 3' "$work/rounds-$tag.txt" || fail "$tag: rounds lists no named round"
	round=$(awk -F '\t' '/已命名/ { print $1; exit }' "$work/rounds-$tag.txt")
	"$@" -data "$data" print certificates "$round" "$pdf" || fail "$tag: print certificates"
}

chroot_ok=0
if [ "${DEB_TEST_CHROOT:-1}" != 0 ] && [ "$(id -u)" = 0 ]; then
	step "amd64: a minimal Debian 12 (bookworm) in $chroot_dir"
	mkdir -p "$chroot_dir"
	if [ -f "$cache" ]; then
		tar -C "$chroot_dir" -xf "$cache" && chroot_ok=1
	elif debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$work/debootstrap.log" 2>&1; then
		chroot "$chroot_dir" apt-get clean
		tar -C "$chroot_dir" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
		chroot_ok=1
	else
		echo "debootstrap failed (see $work/debootstrap.log); falling back to dpkg -x"
		tail -n 5 "$work/debootstrap.log"
		remove_tree "$chroot_dir"
	fi
fi

if [ "$chroot_ok" = 1 ]; then
	r="$chroot_dir"
	cp /etc/resolv.conf "$r/etc/resolv.conf"
	mount -t proc proc "$r/proc"
	in_root() { chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }
	step "amd64: apt install ./jiayuan_${version}_amd64.deb in the fresh system"
	in_root apt-get update -qq || fail "apt-get update in the chroot"
	cp "$root/dist/jiayuan_${version}_amd64.deb" "$r/tmp/"
	in_root dpkg -l | awk '/^ii/ { print $2 }' | sort >"$work/before.txt"
	in_root apt-get install -y -q --no-install-recommends "/tmp/jiayuan_${version}_amd64.deb" >"$work/apt-install.log" 2>&1 ||
		{ tail -n 30 "$work/apt-install.log"; fail "apt install ./jiayuan_${version}_amd64.deb"; }
	in_root dpkg -l | awk '/^ii/ { print $2 }' | sort >"$work/after.txt"
	echo "apt pulled $(comm -13 "$work/before.txt" "$work/after.txt" | grep -vc '^jiayuan$') packages: $(comm -13 "$work/before.txt" "$work/after.txt" | tr '\n' ' ')"
	[ -x "$r/usr/bin/jiayuan" ] || fail "/usr/bin/jiayuan not installed"
	in_root useradd -m -s /bin/sh clerk
	as_clerk() { chroot --userspec=clerk:clerk "$r" env -i PATH=/usr/bin:/bin HOME=/home/clerk LANG=C.UTF-8 ${DISPLAY_IN:+DISPLAY=$DISPLAY_IN} "$@"; }
	tag=amd64
	data=/home/clerk/demo-data
	pdf=/home/clerk/certificates.pdf
	step "amd64: the jobs as the clerk, from /usr/bin/jiayuan"
	run_jobs as_clerk jiayuan
	cp "$r$pdf" "$work/out-amd64.pdf"

	step "amd64: the window (Xvfb on the host, the program in the chroot)"
	d=90
	while [ -e "/tmp/.X$d-lock" ] || [ -e "/tmp/.X11-unix/X$d" ]; do d=$((d + 1)); done
	Xvfb ":$d" -screen 0 1366x850x24 -listen tcp -ac >"$work/xvfb.log" 2>&1 &
	xvfb_pid=$!
	sleep 2
	kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start"
	DISPLAY_IN="127.0.0.1:$d"
	# the default data folder: ~/.local/share/jiayuan
	as_clerk jiayuan >"$work/window.log" 2>&1 &
	app_pid=$!
	win=""
	i=0
	while [ $i -lt 120 ]; do
		win=$(DISPLAY=":$d" xdotool search --onlyvisible --name '家园' 2>/dev/null | head -n 1 || true)
		[ -n "$win" ] && break
		kill -0 "$app_pid" 2>/dev/null || { cat "$work/window.log"; fail "the program exited without a window"; }
		sleep 1
		i=$((i + 1))
	done
	[ -n "$win" ] || { cat "$work/window.log"; fail "no window titled 家园 after 120 s"; }
	echo "window \"$(DISPLAY=":$d" xdotool getwindowname "$win")\" after ${i} s"
	sleep 6
	DISPLAY=":$d" import -window root "$shot"
	colours=$(convert "$shot" -format '%k' info:)
	echo "screenshot $shot: $colours colours"
	[ "$colours" -gt 16 ] || fail "the window is nearly blank ($colours colours)"
	# stop it (Xvfb has no window manager to send the close request; xdotool
	# windowclose would only destroy the X window under GLFW's feet)
	kill "$app_pid" 2>/dev/null || true
	wait "$app_pid" 2>/dev/null || true
	app_pid=""
	grep -q 'panic\|fatal error' "$work/window.log" && { cat "$work/window.log"; fail "the program crashed"; }
	kill "$xvfb_pid" 2>/dev/null || true
	xvfb_pid=""
	home_data="$r/home/clerk/.local/share/jiayuan"
	[ -d "$home_data" ] || fail "the window made no data folder at ~/.local/share/jiayuan"
	echo "clerk's note" >"$home_data/note.txt"
	before_data=$(cd "$r/home/clerk" && find . -type f | sort | xargs md5sum)

	step "amd64: the desktop's MIME and application caches follow the package (dpkg triggers)"
	# a desktop system has these (the package Recommends them); their file
	# triggers, not maintainer scripts of ours, pick up our files
	in_root apt-get install -y -q --no-install-recommends shared-mime-info desktop-file-utils >"$work/apt-desktop.log" 2>&1 ||
		{ tail -n 30 "$work/apt-desktop.log"; fail "apt install shared-mime-info desktop-file-utils"; }
	registered() {
		grep -q ':application/x-jiayuan-exchange:\*\.jyx$' "$r/usr/share/mime/globs2" 2>/dev/null &&
			grep -q ':application/x-jiayuan-backup:\*\.jyb$' "$r/usr/share/mime/globs2" 2>/dev/null &&
			grep -q "^application/x-jiayuan-exchange=.*$app_id.desktop" "$r/usr/share/applications/mimeinfo.cache" 2>/dev/null &&
			grep -q "^application/x-jiayuan-backup=.*$app_id.desktop" "$r/usr/share/applications/mimeinfo.cache" 2>/dev/null
	}

	step "amd64: apt purge jiayuan keeps the clerk's data"
	in_root apt-get purge -y -q jiayuan >"$work/apt-purge.log" 2>&1 || { cat "$work/apt-purge.log"; fail "apt purge jiayuan"; }
	[ -e "$r/usr/bin/jiayuan" ] && fail "/usr/bin/jiayuan still there after purge"
	[ -e "$r/usr/share/applications/$app_id.desktop" ] && fail "desktop entry left after purge"
	[ -e "$r/usr/share/doc/jiayuan" ] && fail "/usr/share/doc/jiayuan left after purge"
	grep -q 'jiayuan' "$r/usr/share/mime/globs2" && fail "the .jyx/.jyb types are still in the MIME database after purge"
	grep -q "$app_id" "$r/usr/share/applications/mimeinfo.cache" 2>/dev/null && fail "mimeinfo.cache still names $app_id after purge"
	after_data=$(cd "$r/home/clerk" && find . -type f | sort | xargs md5sum)
	[ "$before_data" = "$after_data" ] || fail "the clerk's files changed on purge"
	echo "kept: $(cd "$r/home/clerk" && find .local/share/jiayuan demo-data certificates.pdf -type f | sort | tr '\n' ' ')"

	step "amd64: installed again, a double-click on .jyx/.jyb offers 家园"
	in_root apt-get install -y -q --no-install-recommends "/tmp/jiayuan_${version}_amd64.deb" >"$work/apt-install2.log" 2>&1 ||
		{ tail -n 30 "$work/apt-install2.log"; fail "apt install ./jiayuan_${version}_amd64.deb (again)"; }
	registered || fail "after install, globs2 or mimeinfo.cache lacks the .jyx/.jyb entries for $app_id"
	grep -h 'jiayuan' "$r/usr/share/mime/globs2" "$r/usr/share/applications/mimeinfo.cache"
	[ "$before_data" = "$(cd "$r/home/clerk" && find . -type f | sort | xargs md5sum)" ] ||
		fail "installing again changed the clerk's files"
	umount "$r/proc"
else
	step "amd64: no chroot; dpkg -x and the host's view of Depends"
	apt-get install -s "$root/dist/jiayuan_${version}_amd64.deb" >"$work/apt-sim.log" 2>&1 ||
		{ cat "$work/apt-sim.log"; fail "apt-get -s install: Depends not satisfiable"; }
	tag=amd64
	data="$work/data-amd64"
	pdf="$work/out-amd64.pdf"
	run_jobs "$work/x-amd64/usr/bin/jiayuan"
fi
pdftotext "$work/out-amd64.pdf" "$work/out-amd64.txt"
grep -q '荣 誉 证 书' "$work/out-amd64.txt" || fail "amd64: the certificates' PDF has no 荣誉证书"

# --------------------------------------------------------------- 3. arm64
step "arm64: the packaged binary under $(qemu-aarch64-static --version | head -n 1)"
[ -e /lib/ld-linux-aarch64.so.1 ] || fail "no arm64 loader: libc6:arm64 is not installed (make package-deb installs it)"
tag=arm64
data="$work/data-arm64"
pdf="$work/out-arm64.pdf"
# qemu runs the arm64 loader, which finds the host's arm64 libraries
# (/usr/lib/aarch64-linux-gnu, installed for the cross build)
run_jobs qemu-aarch64-static "$work/x-arm64/usr/bin/jiayuan"
pdftotext "$work/out-arm64.pdf" "$work/out-arm64.txt"
cmp -s "$work/out-amd64.txt" "$work/out-arm64.txt" ||
	{ diff "$work/out-amd64.txt" "$work/out-arm64.txt" | head -n 20; fail "arm64 certificates' text differs from amd64"; }
[ "$(pdfinfo "$work/out-amd64.pdf" | awk '/^Pages/ { print $2 }')" = "$(pdfinfo "$work/out-arm64.pdf" | awk '/^Pages/ { print $2 }')" ] ||
	fail "arm64 and amd64 PDFs have different page counts"
echo "arm64 certificates: $(wc -l <"$work/out-arm64.txt") lines of text, identical to amd64"

how="dpkg -x on the host"
if [ "$chroot_ok" = 1 ]; then
	how="installed with apt on a fresh Debian 12 chroot"
	remove_tree "$chroot_dir" # kept only when a check failed, to look into
fi
echo "PASS: jiayuan_${version}_amd64.deb ($how) and jiayuan_${version}_arm64.deb (qemu) check out"
