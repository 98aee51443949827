#!/bin/sh
# Checks the Windows installer on real Windows (CI's windows runner, MSYS2 bash),
# the native counterpart of test-wine.sh:
#   1. setup.exe /S with no switch installs for all users when this shell is
#      elevated (GitHub's runners are) and for the current user otherwise: the
#      default-detection logic, against Windows' own answer;
#   2. setup.exe /S /CURRENTUSER installs under %LocalAppData%\Programs with its
#      entry and the .jyx/.jyb associations under HKCU, nothing under HKLM;
#   3. in each mode `jiayuan.exe version`, demo into a Chinese data folder and a
#      print run from the installed program; the uninstaller removes the program,
#      its entry and associations and keeps the data.
# Registry values are read with reg.exe. Exits non-zero at the first failed step.
#
# Usage: sh packaging/windows/test-native.sh [setup.exe]   (default: the one build.sh made)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"
# MSYS2 must pass /S, /ve and registry paths to Windows programs untouched
export MSYS2_ARG_CONV_EXCL='*'

version=$(toml_details Version)
setup=${1:-"$root/dist/jiayuan-$version-windows-amd64-setup.exe"}
[ -f "$setup" ] || { echo "no installer $setup: run packaging/windows/build.sh first" >&2; exit 1; }

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

uninstkey='Software\Microsoft\Windows\CurrentVersion\Uninstall\cn.gov.jiayuan.app'
pf=$(cygpath -u "$PROGRAMFILES")
lad=$(cygpath -u "$LOCALAPPDATA")
datadir="$(cygpath -u "$APPDATA")/Jiayuan"
work=$(mktemp -d)

# regget KEY [VALUE]: a registry value (the default one without VALUE), or nothing
regget() {
	if [ $# -gt 1 ]; then
		reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | sed -n "s/^ *$2 *REG_[A-Z_]* *//p"
	else
		reg query "$1" /ve 2>/dev/null | tr -d '\r' | sed -n 's/^ *([^)]*) *REG_[A-Z_]* *//p'
	fi
}

# installed ROOT DIR: the program is in DIR, its entry and associations under ROOT
installed() {
	dir=$1
	win=$(cygpath -w "$dir")
	root_=$2
	[ -f "$dir/jiayuan.exe" ] || fail "no jiayuan.exe in $dir"
	[ -f "$dir/uninstall.exe" ] || fail "no uninstall.exe in $dir"
	[ "$(regget "$root_\\$uninstkey" InstallLocation)" = "$win" ] || fail "no entry in 应用和功能 under $root_ for $win"
	for pair in jyx:Jiayuan.jyx jyb:Jiayuan.jyb; do
		ext=${pair%%:*}
		progid=${pair#*:}
		[ "$(regget "$root_\\Software\\Classes\\.$ext")" = "$progid" ] || fail ".$ext is not $progid under $root_"
		cmd=$(regget "$root_\\Software\\Classes\\$progid\\shell\\open\\command")
		[ "$cmd" = "\"$win\\jiayuan.exe\" \"%1\"" ] || fail "$progid opens with [$cmd]"
		echo "   $root_ .$ext → $cmd"
	done
	echo "   cmd /c assoc: $(cmd /c assoc .jyx 2>&1 | tr -d '\r')"
}

gone() {
	[ -e "$1/jiayuan.exe" ] && fail "jiayuan.exe left in $1"
	[ -n "$(regget "$2\\$uninstkey" InstallLocation)" ] && fail "entry left under $2"
	for k in .jyx .jyb Jiayuan.jyx Jiayuan.jyb; do
		reg query "$2\\Software\\Classes\\$k" >/dev/null 2>&1 && fail "$2\\Software\\Classes\\$k left behind"
	done
	[ -f "$datadir/user-note.txt" ] || fail "the uninstaller removed the user's data"
	echo "   removed; data kept in $datadir"
}

jobs() {
	exe="$1/jiayuan.exe"
	data=$(cygpath -w "$work")'\街道数据'$2
	"$exe" version | tee "$work/version.txt"
	grep -q "$version" "$work/version.txt" || fail "version does not say $version"
	"$exe" -data "$data" demo
	"$exe" -data "$data" print communities "$(cygpath -w "$work")\\社区名册$2.pdf"
	[ "$(head -c 5 "$work/社区名册$2.pdf")" = "%PDF-" ] || fail "no PDF"
}

# uninstall DIR: the uninstaller copies itself to %TEMP% and returns at once
uninstall() {
	"$1/uninstall.exe" /S
	i=0
	while [ $i -lt 60 ] && [ -e "$1/uninstall.exe" ]; do
		sleep 1
		i=$((i + 1))
	done
	sleep 2
}

mkdir -p "$datadir"
touch "$datadir/user-note.txt" # stands for the clerk's own files

if net session >/dev/null 2>&1; then
	echo "== 1. elevated shell: setup /S installs for all users"
	"$setup" /S
	installed "$pf/Jiayuan" HKLM
	jobs "$pf/Jiayuan" A
	uninstall "$pf/Jiayuan"
	gone "$pf/Jiayuan" HKLM
else
	echo "== 1. shell without administrator rights: setup /S installs for the current user"
	"$setup" /S
	installed "$lad/Programs/Jiayuan" HKCU
	uninstall "$lad/Programs/Jiayuan"
	gone "$lad/Programs/Jiayuan" HKCU
fi

echo "== 2. setup /S /CURRENTUSER"
"$setup" /S /CURRENTUSER
installed "$lad/Programs/Jiayuan" HKCU
[ -n "$(regget "HKLM\\$uninstkey" InstallLocation)" ] && fail "a per-user install made an entry under HKLM"
jobs "$lad/Programs/Jiayuan" B
uninstall "$lad/Programs/Jiayuan"
gone "$lad/Programs/Jiayuan" HKCU

echo "PASS: $(basename "$setup") on $(cmd /c ver | tr -d '\r' | sed '/^$/d')"
