#!/usr/bin/python3
"""Cut the print fonts down to the character lists and make them TrueType.

Usage: make_fonts.py SRCROOT OUTDIR
SRCROOT is a directory holding the unpacked Debian packages (see make_fonts.sh).
Every output font is TrueType (glyf outlines, cmap format 4), without hinting,
layout tables or glyph names: what gofpdf can embed, as small as it gets.
"""
import os
import sys
import time

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO = os.environ.get("NOTO_DIR", "/usr/share/fonts/opentype/noto")  # NOTO_DIR: an unpacked fonts-noto-cjk
FANDOL = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
UKAI = "usr/share/fonts/truetype/arphic/ukai.ttc"


def chars(outdir, *names):
    s = set()
    for n in names:
        with open(os.path.join(outdir, n), encoding="utf-8") as f:
            s |= set(f.read().replace("\n", ""))
    return s


def load(path, index):
    if path.endswith(".ttc"):
        return TTCollection(path, lazy=False).fonts[index]
    return TTFont(path, lazy=False)


def cff_to_glyf(font):
    """Replace CFF outlines by quadratic TrueType ones (fontTools' cu2qu)."""
    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyphs = {}
    for name in order:
        tt = TTGlyphPen(gs)
        gs[name].draw(Cu2QuPen(tt, 1.0, reverse_direction=True))
        glyphs[name] = tt.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, g in glyf.glyphs.items():
        if hasattr(g, "xMin"):
            hmtx[name] = (hmtx[name][0], g.xMin)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for k in ("maxZones",):
        setattr(maxp, k, 1)
    for k in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
              "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, k, 0)
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def make(src, index, want, out):
    t = time.time()
    font = load(src, index)
    cmap = font.getBestCmap()
    have = {c for c in want if ord(c) in cmap}
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.glyph_names = False
    opts.notdef_outline = True
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    opts.name_languages = [0x409]
    opts.drop_tables += ["VORG", "vhea", "vmtx", "BASE", "GSUB", "GPOS", "DSIG", "gasp", "hdmx", "LTSH", "VDMX", "kern"]
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in have])
    sub.subset(font)
    if "CFF " in font:
        cff_to_glyf(font)
    font["post"].formatType = 3.0
    # Ascent/descent = the ideographic em box (typo metrics): PDF readers then report a
    # line's box where the characters really are, and the layout code can rely on it.
    os2, hhea = font["OS/2"], font["hhea"]
    hhea.ascent, hhea.descent, hhea.lineGap = os2.sTypoAscender, os2.sTypoDescender, 0
    font["OS/2"].fsType = 0
    font.recalcTimestamp = False  # keep the source's dates: the same input gives the same file
    font.save(out)
    print(f"{os.path.basename(out)}: {len(have)} chars, {os.path.getsize(out)/1e6:.2f} MB, {time.time()-t:.0f}s, from {os.path.basename(src)}#{index}")
    return have


def shift_punctuation(kai_path, ref_path, chars="。，、；："):
    """AR PL UKai centres 。，、；： as Taiwan does; mainland documents put them low
    at the left. Move UKai's own marks there: each is translated so that its centre
    falls where FandolFang centres the same mark (scaled to UKai's em). Only those
    positions are read from FandolFang, never its outlines: kai.ttf stays UKai's own
    drawing under the Arphic Public License alone. Running it twice changes nothing."""
    kai, ref = TTFont(kai_path), TTFont(ref_path)
    kg, rg = kai["glyf"], ref["glyf"]
    kc, rc = kai.getBestCmap(), ref.getBestCmap()
    ku, ru = kai["head"].unitsPerEm, ref["head"].unitsPerEm
    for ch in chars:
        name = kc[ord(ch)]
        g = kg[name]
        g.recalcBounds(kg)
        r = rg[rc[ord(ch)]]
        r.recalcBounds(rg)
        dx = round((r.xMin + r.xMax) / 2 / ru * ku - (g.xMin + g.xMax) / 2)
        dy = round((r.yMin + r.yMax) / 2 / ru * ku - (g.yMin + g.yMax) / 2)
        pen = TTGlyphPen(None)
        g.draw(TransformPen(pen, (1, 0, 0, 1, dx, dy)), kg)
        kg[name] = pen.glyph()
        kg[name].recalcBounds(kg)
        kai["hmtx"][name] = (kai["hmtx"][name][0], getattr(kg[name], "xMin", 0))
    kai.recalcTimestamp = False
    kai.save(kai_path)
    print(f"{os.path.basename(kai_path)}: {chars} moved to where {os.path.basename(ref_path)} puts them")


def main():
    root, outdir = sys.argv[1], sys.argv[2]
    want = chars(outdir, "gb2312.txt", "extra.txt")
    allgbk = chars(outdir, "gbk.txt", "extra.txt")
    roles = [
        ("title.ttf", f"{NOTO}/NotoSerifCJK-Bold.ttc", 2),       # Noto Serif CJK SC Bold
        ("fang.ttf", f"{root}/{FANDOL}/FandolFang-Regular.otf", 0),
        ("hei.ttf", f"{NOTO}/NotoSansCJK-Regular.ttc", 2),       # Noto Sans CJK SC
        ("kai.ttf", f"{root}/{UKAI}", 0),                         # AR PL UKai CN
    ]
    # The same-style fallbacks of the roles: each holds the GBK characters its role
    # font lacks, from a font of that style (仿宋 has no wider source: FandolFang's
    # own characters beyond GB 2312 go into fang.ttf, and the body falls back to 楷).
    extras = [
        ("title-gbk.ttf", "title.ttf", f"{NOTO}/NotoSerifCJK-Bold.ttc", 2),
        ("hei-gbk.ttf", "hei.ttf", f"{NOTO}/NotoSansCJK-Regular.ttc", 2),
        ("kai-gbk.ttf", "kai.ttf", f"{root}/{UKAI}", 0),
    ]
    only = set(sys.argv[3:])

    def cut(out, src, idx, w):
        if only and out not in only:
            return {chr(c) for c in TTFont(os.path.join(outdir, out)).getBestCmap()}
        return make(src, idx, w, os.path.join(outdir, out))

    # Characters of GBK the last resort (Noto Serif CJK SC) cannot give go into the
    # 楷体 font if it has them (U+2252 ≒ is the only one).
    noto = load(f"{NOTO}/NotoSerifCJK-Regular.ttc", 2).getBestCmap()
    beyond = {c for c in allgbk if ord(c) not in noto}
    have = {}
    for out, src, idx in roles:
        w = want
        if out == "kai.ttf":
            w = want | beyond
        elif out == "fang.ttf":
            w = allgbk  # all FandolFang has of GBK: the body's own style
        have[out] = cut(out, src, idx, w)
    if not only or "kai.ttf" in only or "fang.ttf" in only:
        shift_punctuation(os.path.join(outdir, "kai.ttf"), os.path.join(outdir, "fang.ttf"))
    for out, role, src, idx in extras:
        have[out] = cut(out, src, idx, allgbk - have[role])
    # The last resort holds every GBK (and extra) character some role's chain
    # (role font, then its same-style fallback) lacks.
    covered = [have["title.ttf"] | have["title-gbk.ttf"], have["hei.ttf"] | have["hei-gbk.ttf"],
               have["fang.ttf"] | have["kai-gbk.ttf"], have["kai.ttf"] | have["kai-gbk.ttf"]]
    rest = allgbk - set.intersection(*covered)
    cut("fallback.ttf", f"{NOTO}/NotoSerifCJK-Regular.ttc", 2, rest)


if __name__ == "__main__":
    main()
