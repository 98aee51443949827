package assets

import _ "embed"

// The print fonts, TrueType cut down to GB 2312 (plus common symbols), with
// same-style fallbacks for the rest of GBK, by fonts/print/make_fonts.sh;
// licences in fonts/print/LICENSE-*.txt.
var (
	// PrintTitle is the 小标宋-like title font (Noto Serif CJK SC Bold).
	//go:embed fonts/print/title.ttf
	PrintTitle []byte
	// PrintFang is the 仿宋 body font (FandolFang, with its own characters beyond GB 2312).
	//go:embed fonts/print/fang.ttf
	PrintFang []byte
	// PrintHei is the 黑体 font (Noto Sans CJK SC).
	//go:embed fonts/print/hei.ttf
	PrintHei []byte
	// PrintKai is the 楷体 font (AR PL UKai CN).
	//go:embed fonts/print/kai.ttf
	PrintKai []byte
	// PrintTitleGBK is the title's fallback: the GBK characters title.ttf lacks (Noto Serif CJK SC Bold).
	//go:embed fonts/print/title-gbk.ttf
	PrintTitleGBK []byte
	// PrintHeiGBK is the 黑体 fallback: the GBK characters hei.ttf lacks (Noto Sans CJK SC).
	//go:embed fonts/print/hei-gbk.ttf
	PrintHeiGBK []byte
	// PrintKaiGBK is the 楷体 fallback, also the body's: the GBK characters kai.ttf lacks
	// that AR PL UKai CN has.
	//go:embed fonts/print/kai-gbk.ttf
	PrintKaiGBK []byte
	// PrintFallback is the last resort: every GBK character some role's own font and
	// its fallback lack (Noto Serif CJK SC).
	//go:embed fonts/print/fallback.ttf
	PrintFallback []byte
	// GB2312Chars lists every character of GB 2312 (newlines between rows of 64).
	//go:embed fonts/print/gb2312.txt
	GB2312Chars string
	// GBKChars lists every character of GBK (newlines between rows of 64).
	//go:embed fonts/print/gbk.txt
	GBKChars string
)
