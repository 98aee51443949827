#!/bin/sh
# Checks the Windows installer on Debian with Wine under Xvfb, as a clerk would use it:
#   1. silent install (setup.exe /S) into a fresh Wine prefix;
#   2. program files, Start-menu and desktop shortcuts, the 应用和功能 entry are there;
#   3. the program starts from Program Files with its default data folder and shows
#      its window (screenshot: dist/windows-wine-screenshot.png). Wine has no
#      Chinese system fonts, so Chinese text in the screenshot also checks the
#      embedded UI font;
#   4. silent uninstall (uninstall.exe /S): program, shortcuts and entry are gone,
#      the user's data folder is still there.
# Exits non-zero with a message at the first failed step.
#
# Debian 12's Wine 8.0 lacks ProcessPrng in bcryptprimitives.dll, which Go 1.22+
# programs need at start. A test-only stand-in (wine-prng/bcryptprimitives.c,
# built here with mingw-w64) goes into the test prefix's system32. It is never
# shipped: the installer does not contain it.
#
# Usage: sh packaging/windows/test-wine.sh [setup.exe]   (default: the one build.sh made)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/packaging/lib.sh"

ensure_pkgs wine wine64 xvfb x11-utils xdotool imagemagick gcc-mingw-w64-x86-64

version=$(toml_details Version)
setup=${1:-"$root/dist/jiayuan-$version-windows-amd64-setup.exe"}
[ -f "$setup" ] || { echo "没有安装程序 $setup：先运行 make package-windows" >&2; exit 1; }
setup=$(cd "$(dirname "$setup")" && pwd)/$(basename "$setup")

work="$root/dist/build/wine-test"
shot="$root/dist/windows-wine-screenshot.png"
rm -rf "$work"
mkdir -p "$work"
export WINEPREFIX="$work/prefix" WINEARCH=win64 WINEDEBUG=-all LANG=C.UTF-8 LC_ALL=C.UTF-8
# no Mono/Gecko download prompts
export WINEDLLOVERRIDES="mscoree,mshtml=;bcryptprimitives=n,b"

fail() {
	echo "FAIL: $*" >&2
	[ -f "$work/app.log" ] && { echo "--- program output:" >&2; tail -n 40 "$work/app.log" >&2; }
	exit 1
}

xvfb_pid=""
cleanup() {
	wineserver -k 2>/dev/null || true
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# a free X display
d=90
while [ -e "/tmp/.X$d-lock" ] || [ -e "/tmp/.X11-unix/X$d" ]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1366x850x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=":$d"
sleep 2
kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start"

echo "== Wine prefix"
wine wineboot -i >"$work/wineboot.log" 2>&1 || fail "wineboot"
wineserver -w
sys32="$WINEPREFIX/drive_c/windows/system32"
x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$sys32/bcryptprimitives.dll" \
	"$root/packaging/windows/wine-prng/bcryptprimitives.c" -ladvapi32

c="$WINEPREFIX/drive_c"
instdir="$c/Program Files/Jiayuan"
startmenu="$c/ProgramData/Microsoft/Windows/Start Menu/Programs/家园.lnk"
desktop="$c/users/Public/Desktop/家园.lnk"
datadir="$c/users/$(id -un)/AppData/Roaming/Jiayuan"
# the 应用和功能 entry, read from the prefix's registry file (wine reg's console
# output loses the Chinese); wineserver writes the file when it exits
uninstall_entry() {
	wineserver -w
	awk -v k='[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\cn.gov.jiayuan.app]' \
		'index($0, k) == 1 { f = 1; next } /^\[/ { f = 0 } f' "$WINEPREFIX/system.reg"
}

echo "== silent install: $(basename "$setup") /S"
wine "$setup" /S >"$work/install.log" 2>&1 || fail "installer exited with $?"
wineserver -w
[ -f "$instdir/jiayuan.exe" ] || fail "no jiayuan.exe in Program Files"
[ -f "$instdir/uninstall.exe" ] || fail "no uninstall.exe"
[ -f "$instdir/licenses/OFL-UI-fonts.txt" ] || fail "font licence not installed"
[ -f "$instdir/bcryptprimitives.dll" ] && fail "the test-only DLL is in the installer"
[ -f "$startmenu" ] || fail "no Start-menu shortcut ($startmenu)"
[ -f "$desktop" ] || fail "no desktop shortcut ($desktop)"
uninstall_entry >"$work/reg.txt"
[ -s "$work/reg.txt" ] || fail "no entry in 应用和功能 (Uninstall\\cn.gov.jiayuan.app)"
grep -qF '"DisplayName"="\x5bb6\x56ed"' "$work/reg.txt" || fail "the entry's DisplayName is not 家园: $(cat "$work/reg.txt")"
grep -q '^"QuietUninstallString"=.*uninstall.exe.* /S"$' "$work/reg.txt" || fail "no QuietUninstallString"
echo "installed: $(ls "$instdir" | tr '\n' ' ')"

echo "== start the program"
wine "C:\\Program Files\\Jiayuan\\jiayuan.exe" >"$work/app.log" 2>&1 &
win=""
i=0
while [ $i -lt 180 ]; do
	win=$(xdotool search --onlyvisible --name '家园' 2>/dev/null | head -n 1 || true)
	[ -n "$win" ] && break
	grep -q 'panic\|fatal error' "$work/app.log" 2>/dev/null && fail "the program crashed"
	sleep 1
	i=$((i + 1))
done
[ -n "$win" ] || fail "no window titled 家园 after 180 s"
echo "window $win: \"$(xdotool getwindowname "$win")\" after ${i} s"
sleep 8 # let it draw its first frames
import -display "$DISPLAY" -window root "$shot"
colours=$(convert "$shot" -format '%k' info:)
echo "screenshot $shot: $colours colours"
[ "$colours" -gt 16 ] || fail "the screen is nearly blank ($colours colours)"
[ -d "$datadir" ] || fail "the program made no data folder at $datadir"
grep -q 'panic\|fatal error' "$work/app.log" && fail "the program crashed"

echo "== close it"
xdotool windowclose "$win" 2>/dev/null || true
i=0
while [ $i -lt 20 ] && xdotool search --onlyvisible --name '家园' >/dev/null 2>&1; do
	sleep 1
	i=$((i + 1))
done
wineserver -k 2>/dev/null || true
wineserver -w
touch "$datadir/user-note.txt" # stands for the clerk's own files

echo "== silent uninstall: uninstall.exe /S"
wine "C:\\Program Files\\Jiayuan\\uninstall.exe" /S >"$work/uninstall.log" 2>&1 ||
	fail "uninstaller exited with $?"
wineserver -w # the uninstaller re-runs itself from %TEMP%; wait for it
[ -e "$instdir/jiayuan.exe" ] && fail "jiayuan.exe still installed"
[ -e "$instdir" ] && fail "install folder left behind: $(ls -A "$instdir")"
[ -e "$startmenu" ] && fail "Start-menu shortcut left behind"
[ -e "$desktop" ] && fail "desktop shortcut left behind"
[ -n "$(uninstall_entry)" ] && fail "entry in 应用和功能 left behind"
[ -f "$datadir/user-note.txt" ] || fail "the uninstaller removed the user's data"
echo "data kept: $(ls "$datadir" | tr '\n' ' ')"

echo "PASS: Windows installer $(basename "$setup") installs, starts, uninstalls under $(wine --version)"
