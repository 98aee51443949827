package reports

import (
	"strings"
	"testing"
	"unicode"
)

// breakText breaks text in the body font at 16 pt on the official character grid,
// width chars wide, and returns the lines.
func breakText(t *testing.T, text string, width float64) []string {
	t.Helper()
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	us, gerr := fs.shape(paraSpans(text), gbBodyPt, gbPitch)
	if gerr != nil {
		t.Fatal(gerr)
	}
	var out []string
	for _, ln := range breakLines(us, width*gbPitch, width*gbPitch) {
		if lineWidth(ln) > width*gbPitch+0.01 && len(ln) > 1 {
			t.Errorf("line %q is %.2f mm, wider than %.2f", lineText(ln), lineWidth(ln), width*gbPitch)
		}
		out = append(out, lineText(ln))
	}
	return out
}

func TestBreakLinesPunctuation(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		width float64
		want  []string
	}{
		{"comma never starts a line", "一二三四五，六七", 5, []string{"一二三四", "五，六七"}},
		{"full stop and closing quote stay behind", "一二三四。”五六", 5, []string{"一二三", "四。”五六"}},
		{"closing bracket", "一二三四五）六", 5, []string{"一二三四", "五）六"}},
		{"opening quote never ends a line", "一二三四“五六”", 5, []string{"一二三四", "“五六”"}},
		{"opening book-title mark", "一二三《四五》", 4, []string{"一二三", "《四五》"}},
		{"number stays whole", "一二三四12345六", 6, []string{"一二三四", "12345六"}},
		{"latin word stays whole", "一二三四Party建设", 6, []string{"一二三四", "Party建设"}},
		{"dash pair not split", "一二三四——五", 5, []string{"一二三", "四——五"}},
		{"ellipsis pair not split", "一二三四……五", 5, []string{"一二三", "四……五"}},
		{"fits exactly", "一二三四五", 5, []string{"一二三四五"}},
		{"squeezed brackets pull 五。 in", "一（二）三（四）五。六", 9, []string{"一（二）三（四）五。", "六"}},
		{"too little to squeeze: pushed out", "一（二）三四五。六", 7, []string{"一（二）三四", "五。六"}},
		{"break at a space", "ab cd ef", 2, []string{"ab", "cd", "ef"}},
		{"word longer than the line is cut, not lost", "abcdefghijklmnopqrstuvwxyz", 3, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := breakText(t, tc.text, tc.width)
			if tc.want != nil && strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if strip(strings.Join(got, "")) != strip(tc.text) {
				t.Errorf("characters lost or added: %q from %q", got, tc.text)
			}
			if tc.want == nil && len(got) < 2 {
				t.Errorf("long word not broken: %q", got)
			}
		})
	}
}

func strip(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// A long mixed paragraph at many widths: nothing lost, and the rules hold on every line.
func TestBreakLinesRulesHold(t *testing.T) {
	text := strings.Repeat("根据《关于开展2021年度党建引领“百佳示范社区”评选工作的通知》（成社治〔2021〕12号）要求，"+
		"经社区申报、街道初审、实地查看……评审委员会评审——共有36个社区、128个小区参加，得分率为87.5%；"+
		"其中Party-building项目3项，ABC社会组织16个！是否公示？", 3)
	for width := 8.0; width <= 30; width++ {
		lines := breakText(t, text, width)
		if strip(strings.Join(lines, "")) != strip(text) {
			t.Fatalf("width %v: text changed", width)
		}
		for i, ln := range lines {
			r := []rune(ln)
			if isNoStart(r[0]) {
				t.Errorf("width %v line %d starts with %q: %q", width, i, r[0], ln)
			}
			if isNoEnd(r[len(r)-1]) {
				t.Errorf("width %v line %d ends with %q: %q", width, i, r[len(r)-1], ln)
			}
			if i+1 < len(lines) {
				a, b := r[len(r)-1], []rune(lines[i+1])[0]
				if wordRune(a) && wordRune(b) {
					t.Errorf("width %v: word or number split between %q and %q", width, ln, lines[i+1])
				}
			}
		}
	}
}

func TestPlaceJustifies(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	us, _ := fs.shape([]span{{"一二三2021年四", RoleBody}}, gbBodyPt, gbPitch)
	for _, tc := range []struct {
		a          align
		start, end float64
	}{
		{alignJustify, 10, 110},
		{alignLeft, 10, 10 + lineWidth(us)},
		{alignRight, 110 - lineWidth(us), 110},
		{alignCenter, 60 - lineWidth(us)/2, 60 + lineWidth(us)/2},
	} {
		p := place(us, 10, 100, tc.a)
		last := len(us) - 1
		if d := p.xs[0] - tc.start; d > 0.001 || d < -0.001 {
			t.Errorf("align %d: starts at %.3f, want %.3f", tc.a, p.xs[0], tc.start)
		}
		if d := p.xs[last] + us[last].w - tc.end; d > 0.001 || d < -0.001 {
			t.Errorf("align %d: ends at %.3f, want %.3f", tc.a, p.xs[last]+us[last].w, tc.end)
		}
	}
}

func TestParaSpansHeadings(t *testing.T) {
	tests := []struct {
		in   string
		want []span
	}{
		{"一、总体要求。坚持党建引领。", []span{{"一、总体要求。", RoleHei}, {"坚持党建引领。", RoleBody}}},
		{"十二、附则", []span{{"十二、附则", RoleHei}}},
		{"（一）评选范围。全体社区。", []span{{"（一）评选范围。", RoleKai}, {"全体社区。", RoleBody}}},
		{"一是加强领导。", []span{{"一是加强领导。", RoleBody}}},
	}
	for _, tc := range tests {
		got := paraSpans(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("%q: got %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("%q: span %d = %v, want %v", tc.in, i, got[i], tc.want[i])
			}
		}
	}
}

func TestChineseDates(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{1, "一"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {31, "三十一"}} {
		if got := chineseNumber(tc.n); got != tc.want {
			t.Errorf("chineseNumber(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
	if got := chineseYear(2021); got != "二〇二一" {
		t.Errorf("chineseYear(2021) = %q", got)
	}
}

// A line pulled in by squeezing takes the room from the marks that stand together
// (”。) before a lone comma: 公示，stays full width, like every other comma.
func TestSqueezeSparesLoneComma(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	const size = 22.0
	em := size * ptMM
	text := "经评审和公示，被命名为“2021年度党建引领百佳示范社区”。"
	us, gerr := fs.shape([]span{{text, RoleKai}}, size, 0)
	if gerr != nil {
		t.Fatal(gerr)
	}
	width := lineWidth(us) - em/3 // the ”。 pair must be pulled in by squeezing
	lines := breakLines(us, width, width)
	if len(lines) != 1 {
		t.Fatalf("not squeezed onto one line: %d lines", len(lines))
	}
	if w := lineWidth(lines[0]); w > width+0.01 {
		t.Errorf("line %.2f mm wider than %.2f", w, width)
	}
	// Short by more than the quotes can give: the comma still keeps its width
	// (the line breaks instead), as on the certificate.
	for _, width := range []float64{lineWidth(us) - em/3, lineWidth(us) - 1.2*em} {
		for _, ln := range breakLines(us, width, width) {
			for _, u := range ln {
				if u.g[0].r == '，' && u.w < 0.95*em {
					t.Errorf("width %.1f: the comma after 公示 was squeezed to %.2f mm of a %.2f mm em", width, u.w, em)
				}
			}
		}
	}
}

// A line that ended early to keep a date whole is justified while that adds
// at most maxKeepStretch em a gap, and left ragged beyond; a line that was
// not held back is justified however far (TestPlaceJustifies).
func TestPlaceHeldBack(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	us, _ := fs.shape([]span{{"一二三四五", RoleBody}}, gbBodyPt, gbPitch)
	us[len(us)-1].heldBack = true
	em, nat, last := gbBodyPt*ptMM, lineWidth(us), len(us)-1
	for _, tc := range []struct {
		perGap float64 // em
		ragged bool
	}{{0.1, false}, {0.12, false}, {0.13, true}, {1, true}} {
		width := nat + 4*tc.perGap*em
		p := place(us, 0, width, alignJustify)
		end, want := p.xs[last]+us[last].w, width
		if tc.ragged {
			want = nat
		}
		if d := end - want; d > 0.001 || d < -0.001 {
			t.Errorf("%.3f em a gap: ends at %.3f, want %.3f", tc.perGap, end, want)
		}
	}
}
