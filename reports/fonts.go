package reports

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"jiayuan/assets"
)

// Role is the part a font plays in an official document.
type Role int

// The four font roles of an official document.
const (
	RoleTitle Role = iota // 标题：小标宋
	RoleBody              // 正文：仿宋
	RoleHei               // 一级标题：黑体
	RoleKai               // 二级标题：楷体
	numRoles
)

var roleNames = [numRoles]string{"标题字体（小标宋）", "正文字体（仿宋）", "黑体", "楷体"}

// String names the role for the clerk.
func (r Role) String() string {
	if r < 0 || r >= numRoles {
		return fmt.Sprintf("字体角色%d", int(r))
	}
	return roleNames[r]
}

// Fonts chooses the font for each role. A nil field means the embedded default;
// otherwise it holds standalone TrueType data, as LoadFontFile returns it. A character
// the chosen font lacks comes from the embedded default of the role, then from the
// role's embedded same-style fallback (the rest of GBK: 标宋 for the title, 黑体 for
// 黑体, 楷体 for the body and 楷体), then from the embedded last resort (宋体), then
// from the other embedded fonts.
// A nil *Fonts means all defaults.
type Fonts struct {
	Title, Body, Hei, Kai []byte
}

func (f *Fonts) custom(r Role) []byte {
	if f == nil {
		return nil
	}
	switch r {
	case RoleTitle:
		return f.Title
	case RoleBody:
		return f.Body
	case RoleHei:
		return f.Hei
	case RoleKai:
		return f.Kai
	}
	return nil
}

// The embedded faces beyond the four roles' own (indexes into defaultFaces).
const (
	fbTitle    = int(numRoles) + iota // 标宋 (Noto Serif CJK SC Bold): GBK beyond title.ttf
	fbHei                             // 黑体 (Noto Sans CJK SC): GBK beyond hei.ttf
	fbKai                             // 楷体 (AR PL UKai CN): GBK beyond kai.ttf, for the body too
	lastResort                        // 宋体 (Noto Serif CJK SC): what the chains above lack
	numFaces
)

// roleFallback is each role's same-style fallback: 仿宋 has no source wider
// than FandolFang (all of whose GBK characters are in fang.ttf), so the body
// falls back to 楷体, the nearer style.
var roleFallback = [numRoles]int{RoleTitle: fbTitle, RoleBody: fbKai, RoleHei: fbHei, RoleKai: fbKai}

var (
	defaultsOnce sync.Once
	defaultFaces [numFaces]*face
	defaultsErr  error
	gbHanziOnce  sync.Once
	gbHanzi      string
)

func loadDefaults() error {
	defaultsOnce.Do(func() {
		fonts := [numFaces]struct {
			data      []byte
			id, style string
		}{
			{assets.PrintTitle, "title", "标宋"}, {assets.PrintFang, "fang", "仿宋"},
			{assets.PrintHei, "hei", "黑体"}, {assets.PrintKai, "kai", "楷体"},
			{assets.PrintTitleGBK, "titlegbk", "标宋"}, {assets.PrintHeiGBK, "heigbk", "黑体"},
			{assets.PrintKaiGBK, "kaigbk", "楷体"}, {assets.PrintFallback, "fallback", "宋体"},
		}
		for i, d := range fonts {
			f, err := parseFace(d.data)
			if err != nil {
				defaultsErr = fmt.Errorf("内置字体 %s 损坏：%w", d.id, err)
				return
			}
			f.id, f.style = d.id, d.style
			defaultFaces[i] = f
		}
	})
	return defaultsErr
}

func gb2312Hanzi() string {
	gbHanziOnce.Do(func() {
		var sb strings.Builder
		for _, r := range assets.GB2312Chars {
			if unicode.Is(unicode.Han, r) {
				sb.WriteRune(r)
			}
		}
		gbHanzi = sb.String()
	})
	return gbHanzi
}

// customFaces caches parsed caller fonts by the address of their data.
var customFaces sync.Map // *byte -> *face

// fontSet resolves characters to fonts for one document and records which fonts
// the document uses, so only those are loaded into the PDF.
type fontSet struct {
	chains [numRoles][]*face
	used   map[*face]bool
	order  []*face
	// gathering makes check note a miss in misses and go on, so that one
	// message names every character no font has (see gather).
	gathering bool
	misses    GlyphErrors
	missSeen  map[missKey]bool
	// fallbacks are the Han characters check found only in a font other than
	// the role's own, once per record, character and font style.
	fallbacks []FallbackChar
	fbSeen    map[fallbackKey]bool
}

func newFontSet(f *Fonts) (*fontSet, error) {
	if err := loadDefaults(); err != nil {
		return nil, err
	}
	fs := &fontSet{used: map[*face]bool{}}
	for r := Role(0); r < numRoles; r++ {
		var chain []*face
		if data := f.custom(r); len(data) > 0 {
			var cf *face
			if v, ok := customFaces.Load(&data[0]); ok && len(v.(*face).data) == len(data) {
				cf = v.(*face)
			} else {
				p, err := parseFace(data)
				if err != nil {
					return nil, fmt.Errorf("%s不能使用：%w", r, err)
				}
				p.id = fmt.Sprintf("user%d", r)
				customFaces.Store(&data[0], p)
				cf = p
			}
			chain = append(chain, cf)
		}
		chain = append(chain, defaultFaces[r], defaultFaces[roleFallback[r]], defaultFaces[lastResort])
		for _, f := range defaultFaces {
			if !slices.Contains(chain, f) {
				chain = append(chain, f)
			}
		}
		fs.chains[r] = chain
	}
	return fs, nil
}

// faceFor returns the first font of role's chain that has r, or nil.
func (fs *fontSet) faceFor(role Role, r rune) *face {
	for _, f := range fs.chains[role] {
		if f.has(r) {
			return f
		}
	}
	return nil
}

// GlyphError reports a character no font can print, found before anything is drawn.
type GlyphError struct {
	Record string // e.g. 证书“滨江社区”
	Field  string // e.g. 名称
	Char   rune
	Text   string // the text it is in (set by the pre-draw check)
}

func (e *GlyphError) Error() string {
	if e.Char > 0xFFFF {
		return fmt.Sprintf("%s的字段“%s”含有字体无法显示的字“%c”(U+%04X)：这是扩展区生僻字，打印字体不支持，请改用通行写法或手工补写",
			e.Record, e.Field, e.Char, e.Char)
	}
	return fmt.Sprintf("%s的字段“%s”含有字体无法显示的字“%c”(U+%04X)", e.Record, e.Field, e.Char, e.Char)
}

// ignorable characters are dropped from printing (controls, zero-width marks).
func ignorable(r rune) bool {
	return r < 0x20 || r == 0x7F || r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF || (r >= 0xFE00 && r <= 0xFE0F)
}

// check verifies that every character of s can be printed in role, marking the
// fonts it needs. Whitespace and invisible marks are not checked. While the set
// is gathering, a miss is noted and the check goes on.
func (fs *fontSet) check(record, field, s string, role Role) error {
	for _, r := range s {
		if unicode.IsSpace(r) || ignorable(r) {
			continue
		}
		var f *face
		if r <= 0xFFFF && r != unicode.ReplacementChar {
			f = fs.faceFor(role, r)
		}
		if f == nil {
			if !fs.gathering {
				return &GlyphError{Record: record, Field: field, Char: r}
			}
			fs.miss(GlyphError{Record: record, Field: field, Char: r, Text: s})
			continue
		}
		if f != fs.chains[role][0] && unicode.Is(unicode.Han, r) {
			fs.noteFallback(FallbackChar{Record: record, Field: field, Text: s, Char: r, Style: f.faceStyle()})
		}
		if !fs.used[f] {
			fs.used[f] = true
			fs.order = append(fs.order, f)
		}
	}
	return nil
}
