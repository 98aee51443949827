package reports

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

// Chinese line breaking (禁则): a line never starts with closing punctuation and never
// ends with opening punctuation; Latin words and numbers stay whole; lines are justified.
// gofpdf's MultiCell and SplitText lose a character at each break in Chinese, so the
// text is broken here and every glyph is placed by hand.

const ptMM = 25.4 / 72 // millimetres per point

// noStart: characters that may not begin a line.
const noStart = "，。、；：？！）」』》〉】〕〗〙〛’”…‥·・‐–—〜～％‰℃°,.;:?!)]}>"

// noEnd: characters that may not end a line.
const noEnd = "（「『《〈【〔〖〘〚‘“([{<￥$£#"

func isNoStart(r rune) bool { return strings.ContainsRune(noStart, r) }
func isNoEnd(r rune) bool   { return strings.ContainsRune(noEnd, r) }

// NoLineStart reports whether r may not begin a line (closing punctuation: ，。」）…),
// by the rules the printed documents break lines by; the window wraps its messages by them too.
func NoLineStart(r rune) bool { return isNoStart(r) }

// NoLineEnd reports whether r may not end a line (opening punctuation: （「《…).
func NoLineEnd(r rune) bool { return isNoEnd(r) }

// wordRune: characters that cling together into one unbreakable Latin word or number.
func wordRune(r rune) bool {
	if r < 0x80 {
		return r > ' ' && r != 0x7F && !strings.ContainsRune("()[]{}<>", r)
	}
	return r < 0x250 && unicode.IsLetter(r) // Latin-1 and Latin Extended letters
}

// glyph is one character in its font.
type glyph struct {
	r    rune
	f    *face
	w    float64 // advance, mm
	bold bool    // a title character from a regular fallback font: drawn emboldened
}

// unit is what the breaker moves as a whole: one CJK character, a word, or a space.
type unit struct {
	g     []glyph
	w     float64
	size  float64 // point size
	space bool
	shift float64 // mm the glyph is drawn left of the unit's place: an opening bracket whose blank half was squeezed
	keep  bool    // no line break before this unit: it continues a date, 文号 or phone number
	// heldBack: the line ends with this unit, early, because what follows is
	// kept whole; justifying stretches it no more than maxKeepStretch.
	heldBack bool
}

// Full-width punctuation whose mark fills one half of its em, the other half blank:
// opening brackets blank at the left, the rest at the right. When a line would
// otherwise push a closing mark and the character before it to the next line,
// these give up part of their blank half instead (标点挤压, as Word's 压缩标点符号).
const (
	squeezeOpen  = "（「『《〈【〔〖“‘"
	squeezeClose = "，。、；：）」』》〉】〕〗”’"
)

// squeezable is how much of u's width can go: its blank half, when it is full width.
func squeezable(u unit) float64 {
	if len(u.g) != 1 || u.space {
		return 0
	}
	em := u.size * ptMM
	if u.w < 0.9*em || !strings.ContainsRune(squeezeOpen+squeezeClose, u.g[0].r) {
		return 0
	}
	return 0.9 * (u.w - em/2) // not quite all: the marks never touch their neighbours
}

// squeeze returns a copy of line narrowed by need mm, taken from the squeezable
// marks between its first and last unit (never those two: the marks stay inside
// the line's box), or nil when they cannot give that much. The room comes first
// from marks that stand next to another mark (”。, ），), then from lone closing
// quotes and brackets, then lone opening ones, within each kind in proportion to
// what each can give. A lone comma or stop never gives: it stays full width like
// every other (the comma in 公示，被命名), and the line breaks instead.
func squeeze(line []unit, need float64) []unit {
	if len(line) < 3 {
		return nil
	}
	kind := func(k int) int {
		r := line[k].g[0].r
		switch {
		case isSqueezeMark(line[k-1]) || isSqueezeMark(line[k+1]):
			return 0
		case strings.ContainsRune("）」』》〉】〕〗”’", r):
			return 1
		case strings.ContainsRune(squeezeOpen, r):
			return 2
		}
		return 3
	}
	avail := 0.0
	for k := 1; k < len(line)-1; k++ {
		if kind(k) < 3 {
			avail += squeezable(line[k])
		}
	}
	if avail <= 0 || need > avail+0.001 {
		return nil
	}
	out := append([]unit(nil), line...)
	for pass := 0; pass < 3 && need > 0.0005; pass++ {
		have := 0.0
		for k := 1; k < len(out)-1; k++ {
			if kind(k) == pass {
				have += squeezable(out[k])
			}
		}
		if have <= 0 {
			continue
		}
		take := math.Min(need, have)
		for k := 1; k < len(out)-1; k++ {
			if kind(k) != pass {
				continue
			}
			c := squeezable(out[k]) * take / have
			if c == 0 {
				continue
			}
			out[k].w -= c
			if strings.ContainsRune(squeezeOpen, out[k].g[0].r) {
				out[k].shift = c
			}
		}
		need -= take
	}
	return out
}

// isSqueezeMark tells whether u is a full-width mark of the kind squeeze narrows.
func isSqueezeMark(u unit) bool {
	return !u.space && len(u.g) == 1 && strings.ContainsRune(squeezeOpen+squeezeClose, u.g[0].r)
}

func (u unit) first() rune { return u.g[0].r }
func (u unit) last() rune  { return u.g[len(u.g)-1].r }

// span is a piece of text in one font role.
type span struct {
	text string
	role Role
}

// shape turns styled text into units at size points. With pitch > 0 (mm), every
// full-width character advances by pitch: the GB/T 9704 character grid.
// Characters were checked beforehand; one no font has makes shape report it.
func (fs *fontSet) shape(spans []span, size, pitch float64) ([]unit, *GlyphError) {
	em := size * ptMM
	var us []unit
	inWord := false
	for _, sp := range spans {
		for _, r := range sp.text {
			if ignorable(r) {
				continue
			}
			if unicode.IsSpace(r) {
				r = ' '
			}
			f := fs.faceFor(sp.role, r)
			if f == nil {
				if r == ' ' {
					f = fs.chains[sp.role][0]
				} else {
					return nil, &GlyphError{Char: r}
				}
			}
			g := glyph{r: r, f: f, w: f.advance(r) * em}
			g.bold = sp.role == RoleTitle && f != fs.chains[RoleTitle][0] && f != defaultFaces[RoleTitle] && f != defaultFaces[fbTitle]
			if pitch > 0 && g.w >= 0.9*em && r != ' ' {
				g.w = pitch
			}
			switch {
			case r == ' ':
				if g.w <= 0 {
					g.w = em / 4
				}
				us = append(us, unit{g: []glyph{g}, w: g.w, size: size, space: true})
				inWord = false
			case wordRune(r) && inWord:
				u := &us[len(us)-1]
				u.g = append(u.g, g)
				u.w += g.w
			default:
				us = append(us, unit{g: []glyph{g}, w: g.w, size: size})
				inWord = wordRune(r)
			}
		}
	}
	keepWhole(us)
	return us, nil
}

// wholeRE matches what never breaks across lines: a date (2021年11月29日), a
// 发文字号 with its 机关代字 (华阳街道党工委发〔2021〕12号) and a phone number
// written with its area code in brackets or a dash.
var wholeRE = regexp.MustCompile(`\d{4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日|\p{Han}{0,8}[〔\[（(]\d{4}[〕\]）)]\d+号|[（(]\d{3,4}[）)]\s?\d{7,8}|\d{3,4}[-－—]\d{7,8}`)

// keepWhole marks the units inside each wholeRE match as not to be broken before.
func keepWhole(us []unit) {
	var sb strings.Builder
	starts := make([]int, len(us)) // byte offset of each unit's first glyph
	for i, u := range us {
		starts[i] = sb.Len()
		for _, g := range u.g {
			sb.WriteRune(g.r)
		}
	}
	for _, m := range wholeRE.FindAllStringIndex(sb.String(), -1) {
		for i := range us {
			if starts[i] > m[0] && starts[i] < m[1] {
				us[i].keep = true
			}
		}
	}
}

// canBreak tells whether a line may end between us[k-1] and us[k].
func canBreak(us []unit, k int) bool {
	return !us[k].keep && mayBreak(us, k)
}

// mayBreak is canBreak by the punctuation and word rules alone: a date or 文号
// longer than the line breaks as other text does.
func mayBreak(us []unit, k int) bool {
	if us[k].space || us[k-1].space {
		return true
	}
	a, b := us[k-1].last(), us[k].first()
	if isNoStart(b) || isNoEnd(a) {
		return false
	}
	if a == b && (a == '—' || a == '…' || a == '·') {
		return false
	}
	return true
}

// breakLines cuts units into lines: the first width first, the others width.
// Nothing is dropped but spaces at the ends of lines.
func breakLines(us []unit, first, width float64) [][]unit {
	var lines [][]unit
	w := first
	i := 0
	const eps = 0.01
	for i < len(us) {
		for i < len(us) && us[i].space {
			i++
		}
		if i >= len(us) {
			break
		}
		j, sum := i, 0.0
		for j < len(us) && sum+us[j].w <= w+eps {
			sum += us[j].w
			j++
		}
		if j == len(us) {
			lines = append(lines, trimSpaces(us[i:j]))
			break
		}
		if j == i { // one unit wider than the line: only a very long word does that
			if len(us[i].g) > 1 {
				parts := make([]unit, 0, len(us[i].g))
				for _, g := range us[i].g {
					parts = append(parts, unit{g: []glyph{g}, w: g.w, size: us[i].size})
				}
				us = append(us[:i:i], append(parts, us[i+1:]...)...)
				continue
			}
			j = i + 1
			if j == len(us) { // the last unit, alone and wider than the line
				lines = append(lines, us[i:j])
				break
			}
		}
		k := j
		for k > i && !canBreak(us, k) {
			k--
		}
		if k < j {
			// Rather than push units back to the next line, pull the few that may not
			// start it onto this one, if squeezing the punctuation makes room.
			m := j
			for m < len(us) && m-j < 3 && !canBreak(us, m) {
				m++
			}
			if m == len(us) || canBreak(us, m) {
				line := trimSpaces(us[i:m])
				if sq := squeeze(line, lineWidth(line)-w); sq != nil {
					lines = append(lines, sq)
					i = m
					w = width
					continue
				}
			}
		}
		if k == i { // a run kept whole that is longer than the line
			for k = j; k > i && !mayBreak(us, k); k-- {
			}
		}
		if k == i {
			k = j // no break allowed anywhere: keep every character rather than overflow
		}
		line := trimSpaces(us[i:k])
		if k < j && len(line) > 0 && heldBack(us, k, j) {
			line[len(line)-1].heldBack = true
		}
		lines = append(lines, line)
		i = k
		w = width
	}
	return lines
}

// maxKeepStretch is the most, in ems of the line's text, that justifying may
// add to each gap of a line that ends early because the next unit is kept
// whole with what follows (a date, 文号 or phone number: keepWhole). Beyond
// it the line is left ragged, its characters at their natural pitch, as Word
// leaves a paragraph's last line. A full 28-character GB/T 9704 line has 27
// gaps: 1/8 em each is about 3.4 characters of slack, more than a line loses
// to 禁则 alone (a character or two). The demo decision's line 工作安排，经…和
// 公示, which pushed the 8 ems of （2021年11月29日 to the next line, was
// stretched 0.17 em a gap: under half an em, yet plainly loose beside the
// lines on the character grid around it.
const maxKeepStretch = 0.125

// heldBack tells whether the units from k to j (the first unit that does
// not fit) went to the next line to keep a run whole.
func heldBack(us []unit, k, j int) bool {
	for m := k + 1; m <= j && m < len(us); m++ {
		if us[m].keep {
			return true
		}
	}
	return false
}

func trimSpaces(us []unit) []unit {
	for len(us) > 0 && us[len(us)-1].space {
		us = us[:len(us)-1]
	}
	return us
}

func lineWidth(us []unit) float64 {
	w := 0.0
	for _, u := range us {
		w += u.w
	}
	return w
}

// lineText is the text of a line (tests and debugging).
func lineText(us []unit) string {
	var sb strings.Builder
	for _, u := range us {
		for _, g := range u.g {
			sb.WriteRune(g.r)
		}
	}
	return sb.String()
}

type align int

const (
	alignLeft align = iota
	alignJustify
	alignCenter
	alignRight
)

// placed is a line ready to draw: units and the x of each.
type placed struct {
	us []unit
	xs []float64
}

// place positions a line's units in [x, x+width].
func place(us []unit, x, width float64, a align) placed {
	nat := lineWidth(us)
	gap := 0.0
	switch a {
	case alignJustify:
		if len(us) > 1 && nat < width {
			gap = (width - nat) / float64(len(us)-1)
			if last := us[len(us)-1]; last.heldBack && gap > maxKeepStretch*last.size*ptMM {
				gap = 0 // ragged rather than loose
			}
		}
	case alignCenter:
		x += (width - nat) / 2
	case alignRight:
		x += width - nat
	}
	p := placed{us: us, xs: make([]float64, len(us))}
	for i, u := range us {
		p.xs[i] = x - u.shift
		x += u.w + gap
	}
	return p
}
