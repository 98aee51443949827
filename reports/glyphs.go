package reports

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
)

// GlyphErrors are all the characters of one document no font can print,
// found before anything is drawn. errors.As finds each as a *GlyphError.
type GlyphErrors []GlyphError

// maxGlyphLines caps the lines a GlyphErrors message lists.
const maxGlyphLines = 20

func (es GlyphErrors) Error() string {
	if len(es) == 1 {
		return es[0].Error()
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "有 %d 处字体无法显示的字，改正后才能打印：", len(es))
	for i, e := range es {
		if i == maxGlyphLines {
			fmt.Fprintf(&sb, "\n……等共 %d 处", len(es))
			break
		}
		fmt.Fprintf(&sb, "\n%s的字段“%s”%s：“%c”(U+%04X)", e.Record, e.Field, quoteText(e), e.Char, e.Char)
	}
	if hasExtension(es) {
		sb.WriteString("\n（U+FFFF 以上的是扩展区生僻字，打印字体不支持，请改用通行写法或手工补写）")
	}
	return sb.String()
}

// quoteText is （“text”） when the record's name does not already show it,
// cut to 16 characters.
func quoteText(e GlyphError) string {
	t := strings.TrimSpace(e.Text)
	if t == "" || strings.Contains(e.Record, t) {
		return ""
	}
	if rs := []rune(t); len(rs) > 16 {
		t = string(rs[:16]) + "…"
	}
	return "（“" + t + "”）"
}

func hasExtension(es GlyphErrors) bool {
	for _, e := range es {
		if e.Char > 0xFFFF {
			return true
		}
	}
	return false
}

// Unwrap gives each miss to errors.As and errors.Is.
func (es GlyphErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i := range es {
		out[i] = &es[i]
	}
	return out
}

// miss notes a character no font has, once per record, field and character.
func (fs *fontSet) miss(e GlyphError) {
	k := missKey{e.Record, e.Field, e.Char}
	if fs.missSeen[k] {
		return
	}
	if fs.missSeen == nil {
		fs.missSeen = map[missKey]bool{}
	}
	fs.missSeen[k] = true
	fs.misses = append(fs.misses, e)
}

type missKey struct {
	record, field string
	char          rune
}

// gather runs a document's pre-draw check so that it goes through every text:
// it returns fn's own error if any, else every character no font has, as a
// *GlyphError when there is one and as GlyphErrors when there are more.
func (fs *fontSet) gather(fn func() error) error {
	fs.gathering = true
	err := fn()
	fs.gathering = false
	misses := fs.misses
	fs.misses, fs.missSeen = nil, nil
	switch {
	case err != nil:
		return err
	case len(misses) == 1:
		return &misses[0]
	case len(misses) > 1:
		return misses
	}
	return nil
}

// FallbackChar is a Han character a document prints from a font other than
// its role's own (the chosen font, or the embedded one of the role): it may
// look different from its neighbours.
type FallbackChar struct {
	Record, Field string
	Text          string // the text it stands in
	Char          rune
	Style         string // the font it came from: its style (楷体, 宋体…) or name
}

type fallbackKey struct {
	record, style string
	char          rune
}

func (fs *fontSet) noteFallback(c FallbackChar) {
	k := fallbackKey{c.Record, c.Style, c.Char}
	if fs.fbSeen[k] {
		return
	}
	if fs.fbSeen == nil {
		fs.fbSeen = map[fallbackKey]bool{}
	}
	fs.fbSeen[k] = true
	fs.fallbacks = append(fs.fallbacks, c)
}

// FallbackWriter passes a document through to W and collects the characters
// the document drew from a fallback font (see FallbackText).
type FallbackWriter struct {
	io.Writer
	Chars []FallbackChar
}

func (w *FallbackWriter) noteFallbacks(cs []FallbackChar) { w.Chars = append(w.Chars, cs...) }

// tellFallbacks hands the set's fallback characters to w when it collects them.
func (fs *fontSet) tellFallbacks(w io.Writer) {
	if n, ok := w.(interface{ noteFallbacks([]FallbackChar) }); ok && len(fs.fallbacks) > 0 {
		n.noteFallbacks(fs.fallbacks)
	}
}

// FallbackText is the line telling the clerk which characters came from a
// fallback font and from which, e.g. 以下字由备用字体印出：堃（张堃，社区“滨江”，楷体）;
// "" when none.
func FallbackText(cs []FallbackChar) string {
	if len(cs) == 0 {
		return ""
	}
	parts := make([]string, 0, len(cs))
	for i, c := range cs {
		if i == maxGlyphLines {
			parts = append(parts, fmt.Sprintf("……等共 %d 处", len(cs)))
			break
		}
		text := []rune(strings.TrimSpace(c.Text))
		if len(text) > 12 {
			text = append(text[:12], '…')
		}
		style := ""
		if c.Style != "" {
			style = "，" + c.Style
		}
		parts = append(parts, fmt.Sprintf("%c（%s，%s%s）", c.Char, string(text), c.Record, style))
	}
	return "以下字由备用字体印出：" + strings.Join(parts, "；")
}

// Unprintable returns, per label of texts (e.g. 社区“滨江”), the characters
// that some role of the print fonts f cannot draw, each once and in order;
// labels whose texts all print are left out. An import calls it to warn at
// once about a name that will not print until a font that has it is chosen.
func Unprintable(f *Fonts, texts map[string]string) (map[string][]rune, error) {
	fs, err := newFontSet(f)
	if err != nil {
		return nil, err
	}
	out := map[string][]rune{}
	for label, s := range texts {
		var bad []rune
		for _, r := range s {
			if unicode.IsSpace(r) || ignorable(r) || containsRune(bad, r) {
				continue
			}
			for role := Role(0); role < numRoles; role++ {
				if r > 0xFFFF || r == unicode.ReplacementChar || fs.faceFor(role, r) == nil {
					bad = append(bad, r)
					break
				}
			}
		}
		if len(bad) > 0 {
			out[label] = bad
		}
	}
	return out, nil
}

func containsRune(rs []rune, r rune) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// UnprintableLines are the warning lines for Unprintable's result, sorted by
// label, e.g. 社区“南湖𠀀”：“𠀀”(U+20000) 现有打印字体印不出……
func UnprintableLines(bad map[string][]rune) []string {
	labels := make([]string, 0, len(bad))
	for l := range bad {
		labels = append(labels, l)
	}
	sort.Strings(labels)
	lines := make([]string, 0, len(labels))
	for _, l := range labels {
		var cs []string
		for _, r := range bad[l] {
			cs = append(cs, fmt.Sprintf("“%c”(U+%04X)", r, r))
		}
		lines = append(lines, fmt.Sprintf("%s：%s 现有打印字体印不出，记录已保存，但要在“设置—打印”中选用含这些字的字体后才能打印", l, strings.Join(cs, "、")))
	}
	return lines
}
