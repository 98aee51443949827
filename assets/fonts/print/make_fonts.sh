#!/usr/bin/env bash
# Regenerates the print fonts committed beside this script (title.ttf, fang.ttf, hei.ttf, kai.ttf,
# fallback.ttf) and the character lists they are cut to. Needs Debian 12 with apt, Go and
# python3-fonttools. Run from anywhere: assets/fonts/print/make_fonts.sh
#   title.ttf    标题 (小标宋-like)  Noto Serif CJK SC Bold    fonts-noto-cjk          SIL OFL 1.1
#   fang.ttf     正文 仿宋           FandolFang Regular        texlive-lang-chinese    GPL v3 + font exception
#   hei.ttf      黑体                Noto Sans CJK SC Regular  fonts-noto-cjk          SIL OFL 1.1
#   kai.ttf      楷体                AR PL UKai CN             fonts-arphic-ukai       Arphic Public License
#   title-gbk.ttf 标题's fallback    Noto Serif CJK SC Bold    fonts-noto-cjk          SIL OFL 1.1
#   hei-gbk.ttf  黑体's fallback     Noto Sans CJK SC Regular  fonts-noto-cjk          SIL OFL 1.1
#   kai-gbk.ttf  楷体's and 正文's   AR PL UKai CN             fonts-arphic-ukai       Arphic Public License
#   fallback.ttf last resort (宋)    Noto Serif CJK SC Regular fonts-noto-cjk          SIL OFL 1.1
# Each role font holds GB 2312 plus extra.txt (fang.ttf: all FandolFang has of GBK); each *-gbk.ttf
# holds the GBK characters its role font lacks, in the same style (仿宋 has no wider source, so the
# body falls back to 楷体); fallback.ttf holds every GBK character some role's font and fallback lack.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc ]; then
  apt-get install -y fonts-noto-cjk
fi
/usr/bin/python3 -c 'import fontTools' 2>/dev/null || apt-get install -y python3-fonttools
# Only the font files are wanted from these two: download and unpack, without installing
# texlive-lang-chinese's long chain of dependencies.
(cd "$work" && apt-get download texlive-lang-chinese fonts-arphic-ukai)
for d in "$work"/*.deb; do dpkg-deb -x "$d" "$work/root"; done

(cd "$repo" && go run ./assets/fonts/print/charlists.go "$here")
/usr/bin/python3 "$here/make_fonts.py" "$work/root" "$here"

cp /usr/share/doc/fonts-noto-cjk/copyright "$here/LICENSE-NotoCJK.txt"
{
  cat "$work/root/usr/share/doc/fonts-arphic-ukai/copyright"
  echo
  echo "Chinese text of the licence:"
  zcat "$work/root/usr/share/doc/fonts-arphic-ukai/license/zh_CN.UTF-8/ARPHICPL.TXT.gz"
} > "$here/LICENSE-ArphicPublicLicense.txt"
{
  echo "FandolFang (Fandol fonts, by the Fandol team: Clerk Ma and Jie Su), from Debian's texlive-lang-chinese."
  echo "Licence: GNU General Public License with the GPL font exception (the fonts' README: \"GPL + GPL"
  echo "font exception\"; Debian's texlive-lang-chinese lists it as \"gpl\"). The exception reads:"
  echo
  echo "  As a special exception, if you create a document which uses this font, and embed this font or"
  echo "  unaltered portions of this font into the document, this font does not by itself cause the"
  echo "  resulting document to be covered by the GNU General Public License. This exception does not"
  echo "  however invalidate any other reasons why the document might be covered by the GNU General"
  echo "  Public License. If you modify this font, you may extend this exception to your version of the"
  echo "  font, but you are not obligated to do so. If you do not wish to do so, delete this exception"
  echo "  statement from your version."
  echo
  echo "fang.ttf is FandolFang-Regular.otf cut to GB 2312 and converted to TrueType outlines by"
  echo "make_fonts.py beside this file (the corresponding source of the modified font)."
  echo
  echo "The text of the GNU General Public License, version 3, follows."
  echo
  cat /usr/share/common-licenses/GPL-3
} > "$here/LICENSE-Fandol.txt"
ls -l "$here"/*.ttf
