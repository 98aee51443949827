#!/bin/sh
# Prints the Debian copyright file (machine-readable, DEP-5) of the jiayuan
# package: the program's licence and the licence of every font embedded in
# /usr/bin/jiayuan, with the full texts taken from the repository
# (assets/LICENSES.md says which file is under which).
# With BIN (a built jiayuan), the Comment also lists the Go modules linked
# into it (from `go version -m`) with the licence their LICENSE file reads as.
# Usage: sh packaging/linux/deb-copyright.sh ROOT [BIN]
set -eu
root=$1
bin=${2:-}

# go_modules BIN: " module version licence" lines
go_modules() {
	mc=$(go env GOMODCACHE)
	echo " Go standard library $(go version -m "$1" | awk 'NR == 1 { print $2 }'): BSD-3-clause"
	go version -m "$1" | awk '$1 == "dep" { print $2, $3 }' | while read -r m v; do
		d="$mc/$(echo "$m" | sed 's/[A-Z]/!\L&/g')@$v"
		l=$(ls "$d"/LICENSE* "$d"/LICENCE* "$d"/COPYING* 2>/dev/null | head -n 1 || true)
		t="see the module's licence file"
		if [ -n "$l" ]; then
			if grep -q 'Apache License' "$l"; then t=Apache-2.0
			elif grep -q 'Mozilla Public' "$l"; then t=MPL-2.0
			elif grep -q 'Permission is hereby granted' "$l"; then t=Expat
			elif grep -q 'Redistribution and use' "$l"; then
				if grep -q 'Neither the name' "$l"; then t=BSD-3-clause; else t=BSD-2-clause; fi
			elif grep -q 'Permission to use, copy, modify' "$l"; then t=ISC
			fi
		fi
		echo " $m $v: $t"
	done
}

# text FILE: FILE as the body of a DEP-5 License paragraph
text() {
	sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$1"
}

cat <<'HEAD'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: jiayuan
Upstream-Contact: Jiayuan developers <dev@jiayuan.invalid>
Comment: 家园 (Jiayuan). The binary /usr/bin/jiayuan embeds the window fonts
 (assets/fonts/ui) and the print fonts (assets/fonts/print) listed below; the
 PDFs it prints embed only the glyphs they use. It also links Go modules
 (Fyne, GLFW, SQLite, gofpdf and others) under their own permissive licences,
 named in the program's source (go.mod) and listed below.
HEAD
if [ -n "$bin" ]; then
	echo " ."
	echo " Linked into /usr/bin/jiayuan (module, version: licence):"
	go_modules "$bin"
	echo " (go-sqlite3 compiles in SQLite, public domain; go-gl/glfw compiles in"
	echo " GLFW, Zlib licence. Apache-2.0: /usr/share/common-licenses/Apache-2.0.)"
fi
cat <<'HEAD'

Files: *
Copyright: 2026 Jiayuan developers
License: Expat

Files: assets/icon.png assets/icon.svg
Copyright: 2026 Jiayuan developers
License: Expat
Comment: Drawn for this program.

Files: assets/fonts/ui/JiayuanUISans-Regular.otf assets/fonts/ui/JiayuanUISans-Bold.otf
Copyright: 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'
License: OFL-1.1
Comment: Noto Sans CJK SC 2.004 Regular and Bold, cut down to GBK, ASCII and
 common punctuation by make_ui_fonts.sh and renamed "Jiayuan UI Sans".

Files: assets/fonts/print/title.ttf assets/fonts/print/title-gbk.ttf assets/fonts/print/hei.ttf assets/fonts/print/hei-gbk.ttf assets/fonts/print/fallback.ttf
Copyright: 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'
License: OFL-1.1
Comment: Noto Serif CJK SC Bold (title.ttf, title-gbk.ttf), Noto Sans CJK SC
 Regular (hei.ttf, hei-gbk.ttf) and Noto Serif CJK SC Regular (fallback.ttf)
 from Debian's fonts-noto-cjk: the role fonts cut to GB 2312, their -gbk
 fallbacks to the rest of GBK, fallback.ttf to what no role font has; converted
 to TrueType outlines by make_fonts.sh and make_fonts.py.

Files: assets/fonts/print/fang.ttf
Copyright: the Fandol team (Clerk Ma, Jie Su)
License: GPL-3 with font exception
Comment: FandolFang Regular from Debian's texlive-lang-chinese, cut to
 GBK and converted to TrueType outlines by make_fonts.py, which is the
 source of the modification. Shipped beside the program (mere aggregation).

Files: assets/fonts/print/kai.ttf assets/fonts/print/kai-gbk.ttf
Copyright: 1999 Arphic Technology Co., Ltd.
License: Arphic-1999
Comment: AR PL UKai CN from Debian's fonts-arphic-ukai (modified by Arne
 Goetje, CJKUnifonts), cut to GB 2312 (kai.ttf) and to the rest of GBK
 (kai-gbk.ttf, the fallback of 楷体 and of the 仿宋 body) by make_fonts.sh
 and make_fonts.py, which are the source of the modification.

License: Expat
HEAD
# the MIT licence's text without its title and copyright line
awk 'NR > 1 && !/^Copyright/' "$root/LICENSE" | sed '/./,$!d' >"${TMPDIR:-/tmp}/jiayuan-expat.$$"
text "${TMPDIR:-/tmp}/jiayuan-expat.$$"
rm -f "${TMPDIR:-/tmp}/jiayuan-expat.$$"
echo
echo "License: OFL-1.1"
text "$root/assets/fonts/ui/OFL.txt"
echo
cat <<'GPL'
License: GPL-3 with font exception
 This font is free software: you can redistribute it and/or modify it under
 the terms of the GNU General Public License as published by the Free
 Software Foundation, version 3.
 .
 As a special exception, if you create a document which uses this font, and
 embed this font or unaltered portions of this font into the document, this
 font does not by itself cause the resulting document to be covered by the
 GNU General Public License. This exception does not however invalidate any
 other reasons why the document might be covered by the GNU General Public
 License. If you modify this font, you may extend this exception to your
 version of the font, but you are not obligated to do so. If you do not wish
 to do so, delete this exception statement from your version.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 3 can be found in "/usr/share/common-licenses/GPL-3".

GPL
echo "License: Arphic-1999"
# the licence itself, from its title on
sed -n '/^ARPHIC PUBLIC LICENSE$/,$p' "$root/assets/fonts/print/LICENSE-ArphicPublicLicense.txt" >"${TMPDIR:-/tmp}/jiayuan-arphic.$$"
[ -s "${TMPDIR:-/tmp}/jiayuan-arphic.$$" ] || { echo "no ARPHIC PUBLIC LICENSE text" >&2; exit 1; }
text "${TMPDIR:-/tmp}/jiayuan-arphic.$$"
rm -f "${TMPDIR:-/tmp}/jiayuan-arphic.$$"
