#!/bin/sh
# Regenerates the window's embedded Simplified Chinese fonts:
#   assets/fonts/ui/JiayuanUISans-Regular.otf
#   assets/fonts/ui/JiayuanUISans-Bold.otf
# from Debian's Noto Sans CJK collections (package fonts-noto-cjk).
#
# Why: Fyne 2.7 shows U+FFFD for Chinese text when no system font has it, and
# a .ttc collection set as theme font crashes it. So the theme embeds one
# single-face font per weight, cut down to what a Chinese office needs:
# every character of GBK (which contains all of GB 2312 and the CJK Unified
# Ideographs U+4E00-U+9FA5), printable ASCII, Latin-1, and the common
# punctuation, symbols, full-width forms and circled/roman numerals.
# The faces keep their CFF outlines (Fyne's go-text renderer draws them).
#
# The result is a Modified Version under the SIL Open Font License 1.1 and is
# renamed "Jiayuan UI Sans" so that it is never mistaken for the full Noto
# font; the copyright and licence records are kept (see OFL.txt).
#
# Usage: sh assets/fonts/ui/make_ui_fonts.sh   (from anywhere; about 1-2 min)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=${NOTO_CJK_DIR:-/usr/share/fonts/opentype/noto}
py=/usr/bin/python3 # Debian's python3 has fontTools (python3-fonttools)

need_pkg() {
	if ! dpkg -s "$1" >/dev/null 2>&1; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 "$1"
	fi
}
need_pkg python3-fonttools
need_pkg fonts-noto-cjk

"$py" - "$src" "$here" <<'EOF'
import io
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

src, out = sys.argv[1], sys.argv[2]


def charset():
    """Code points the UI font must cover."""
    cps = set(range(0x20, 0x7F))          # printable ASCII
    cps |= set(range(0xA0, 0x100))        # Latin-1 supplement: ° × ÷ · etc.
    # every character of GBK (double-byte area)
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in ch)
    ranges = [
        (0x0100, 0x024F),  # Latin extended A/B: pinyin with tones (ā ǎ ǘ ǹ)
        (0x02B0, 0x02FF),  # spacing modifier letters: ˇ ˉ ˊ ˋ ˙
        (0x0370, 0x03FF),  # Greek
        (0x0400, 0x04FF),  # Cyrillic (in GBK)
        (0x2000, 0x206F),  # general punctuation: — … ‘’ “” ‰ ※
        (0x20A0, 0x20CF),  # currency: € ₤
        (0x2100, 0x214F),  # letterlike: ℃ № ℉
        (0x2150, 0x218F),  # number forms: Ⅰ Ⅻ
        (0x2190, 0x21FF),  # arrows
        (0x2200, 0x22FF),  # mathematical operators: ≤ ≥ ≠ ∑ √
        (0x2300, 0x23FF),  # miscellaneous technical: ⌒
        (0x2460, 0x24FF),  # enclosed alphanumerics: ① ⑳ ⑴ ⒈
        (0x2500, 0x257F),  # box drawing
        (0x25A0, 0x25FF),  # geometric shapes: ■ □ ● ○ ◆ ▲
        (0x2600, 0x26FF),  # misc symbols: ★ ☆ ☐ ☑
        (0x2700, 0x27BF),  # dingbats: ✓ ✔ ✗
        (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」【】〔〕
        (0x3200, 0x32FF),  # enclosed CJK: ㈠ ㊣
        (0x4E00, 0x9FFF),  # CJK unified ideographs (whole block, as far as the font has it)
        (0xFE10, 0xFE1F),  # vertical forms
        (0xFE30, 0xFE4F),  # CJK compatibility forms
        (0xFF00, 0xFFEF),  # half-width and full-width forms
        (0xFFFD, 0xFFFD),  # replacement character
    ]
    for a, b in ranges:
        cps.update(range(a, b + 1))
    return cps


def sc_face(path):
    """Return the Simplified Chinese face of a Noto Sans CJK collection, found by name."""
    coll = TTCollection(path)
    for font in coll.fonts:
        family = font["name"].getDebugName(1) or ""
        if family.startswith("Noto Sans CJK SC"):
            return font
    raise SystemExit(f"{path}: no 'Noto Sans CJK SC' face in the collection")


def rename(font, style):
    family = "Jiayuan UI Sans"
    psname = "JiayuanUISans-" + style
    full = family if style == "Regular" else family + " " + style
    name = font["name"]
    ids = {1: family, 2: style, 3: f"{psname};subset of Noto Sans CJK SC 2.004", 4: full, 6: psname,
           16: family, 17: style}
    for nid in (1, 2, 3, 4, 6, 16, 17):
        name.removeNames(nameID=nid)
    for nid, value in ids.items():
        if nid in (16, 17) and style in ("Regular", "Bold"):
            continue  # RIBBI styles need no typographic family names
        name.setName(value, nid, 3, 1, 0x409)
        name.setName(value, nid, 1, 0, 0)
    name.setName(
        "Subset of Noto Sans CJK SC (GBK, ASCII, common punctuation) for the Jiayuan program. "
        "Modified Version under the SIL Open Font License 1.1.",
        10, 3, 1, 0x409)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [psname]
        top = cff.topDictIndex[0]
        top.FullName = full
        top.FamilyName = family


cps = charset()
for style in ("Regular", "Bold"):
    font = sc_face(f"{src}/NotoSansCJK-{style}.ttc")
    have = set(font.getBestCmap())
    wanted = cps & have
    missing_gbk = sorted(c for c in cps if c not in have and c < 0xA000 and chr(c).isprintable())
    opts = subset.Options()
    # the features a horizontal shaper applies by default, less locl: the face is
    # already the Simplified Chinese one, and locl would pull in the JP/KR/TC glyphs
    opts.layout_features = ["ccmp", "mark", "mkmk", "kern", "liga", "calt", "rlig"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.hinting = False
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.drop_tables += ["DSIG", "VORG", "vhea", "vmtx", "BASE"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    rename(font, style)
    path = f"{out}/JiayuanUISans-{style}.otf"
    buf = io.BytesIO()
    font.save(buf)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    print(f"{path}: {len(wanted)} characters, {len(font.getGlyphOrder())} glyphs, "
          f"{len(buf.getvalue())} bytes; {len(missing_gbk)} code points of the listed blocks not in Noto (left out)")
EOF
