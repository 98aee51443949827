package reports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strings"
	"testing"
)

// noticeText is everything a notice prints but the page numbers, in reading order.
func noticeText(d OfficialDoc) string {
	var sb strings.Builder
	sb.WriteString(d.Title + d.Addressee + strings.Join(d.Body, ""))
	for _, g := range d.Groups {
		sb.WriteString(g.Heading)
		for i, it := range g.Items {
			sb.WriteString(itemText(i, it))
		}
	}
	sb.WriteString(strings.Join(d.Objection, "") + strings.Join(d.Contact, ""))
	sb.WriteString(d.Issuer + FormatDate(d.Date))
	return strip(sb.String())
}

var folioRE = regexp.MustCompile(`—(\d+)—`)

func TestNoticeTextAndPages(t *testing.T) {
	long := sampleNotice(0)
	long.Body = append(long.Body, strings.Repeat("街道党工委坚持把党建引领贯穿社区发展治理全过程，围绕“两新”组织覆盖、"+
		"小区党支部建设和Party-building 2.0数字平台，累计投入资金1500万元，服务群众14万余人次（其中老年人占35.6%）；"+
		"喆堃玥等居民代表参与评议。", 6), "二、评选结果。\n（二）小区类。共128个小区参加，其中20个小区拟命名。")
	for _, tc := range []struct {
		name     string
		doc      OfficialDoc
		gen      func(io.Writer, OfficialDoc, *Fonts) error
		minPages int
	}{
		{"notice with 200 names", sampleNotice(200), Notice, 9},
		{"notice with a long paragraph", long, Notice, 2},
		{"decision", func() OfficialDoc {
			d := sampleNotice(12)
			d.Title = "关于命名2021年度党建引领百佳示范社区和百佳示范小区的决定"
			d.Addressee = "各社区党委，辖区各单位："
			d.Objection = []string{"希望受到命名的社区和小区珍惜荣誉，再接再厉。"}
			d.Contact = nil
			return d
		}(), Decision, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writePDF(t, func(w io.Writer) error { return tc.gen(w, tc.doc, nil) })
			checkPDF(t, path)
			pi := info(t, path)
			if !near(pi.w, 595.28, 0.5) || !near(pi.h, 841.89, 0.5) {
				t.Errorf("page size %.2f x %.2f pt, want A4 portrait", pi.w, pi.h)
			}
			if pi.pages < tc.minPages {
				t.Errorf("%d pages, want at least %d", pi.pages, tc.minPages)
			}
			all := pageText(t, path, 0)
			folios := folioRE.FindAllStringSubmatch(all, -1)
			if len(folios) != pi.pages {
				t.Errorf("%d page numbers on %d pages", len(folios), pi.pages)
			}
			for i, f := range folios {
				if f[1] != fmt.Sprint(i+1) {
					t.Errorf("page %d numbered %s", i+1, f[1])
				}
			}
			got, want := folioRE.ReplaceAllString(all, ""), noticeText(tc.doc)
			if got != want {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("text differs at byte %d:\n got …%s\nwant …%s", i, got[max(0, i-30):min(len(got), i+60)], want[max(0, i-30):min(len(want), i+60)])
			}
		})
	}
}

// The GB/T 9704 geometry, read back from pdftotext -bbox.
func TestNoticeGeometry(t *testing.T) {
	path := writePDF(t, func(w io.Writer) error { return Notice(w, sampleNotice(120), nil) })
	ws := words(t, path)
	if len(ws) == 0 {
		t.Fatal("no words")
	}
	bottom := gbTop + gbBlockH
	top1, left := math.Inf(1), math.Inf(1)
	var title []word
	pages := 0
	for _, w := range ws {
		pages = max(pages, w.page)
		if w.yMin > bottom { // page number
			continue
		}
		if w.page == 1 {
			top1 = math.Min(top1, w.yMin)
		}
		left = math.Min(left, w.xMin)
		if w.xMax > gbLeft+gbBlockW+1 || w.yMax > bottom+1 {
			t.Errorf("page %d: %q at %.1f–%.1f mm, %.1f mm down: outside the text block", w.page, w.text, w.xMin, w.xMax, w.yMax)
		}
		// Every line sits on the 22-line grid.
		row := (w.yMin - gbTop) / gbLinePit
		if math.Abs(row-math.Round(row))*gbLinePit > 0.5 {
			t.Errorf("page %d: %q starts %.2f mm down, off the line grid", w.page, w.text, w.yMin)
		}
		if w.page == 1 && near(w.yMin, gbTop, 1) {
			title = append(title, w)
		}
	}
	if !near(top1, gbTop, 1) {
		t.Errorf("text block starts %.2f mm from the top, want %.0f", top1, gbTop)
	}
	if !near(left, gbLeft, 1) {
		t.Errorf("text block starts %.2f mm from the left, want %.0f", left, gbLeft)
	}
	if len(title) == 0 {
		t.Fatal("no title on the first line")
	}
	tl, tr := title[0].xMin, title[0].xMax
	for _, w := range title {
		tl, tr = math.Min(tl, w.xMin), math.Max(tr, w.xMax)
	}
	if c := (tl + tr) / 2; !near(c, gbLeft+gbBlockW/2, 1) {
		t.Errorf("title centred on %.2f mm, want %.0f", c, gbLeft+gbBlockW/2)
	}
	// Page numbers: 7 mm below the block, odd pages at the right, even at the left, one character in.
	em := gbFolioPt * ptMM
	for p := 1; p <= pages; p++ {
		l, r, y := math.Inf(1), math.Inf(-1), math.Inf(1)
		for _, w := range ws {
			if w.page == p && w.yMin > bottom {
				l, r, y = math.Min(l, w.xMin), math.Max(r, w.xMax), math.Min(y, w.yMin)
			}
		}
		if math.IsInf(y, 1) {
			t.Errorf("page %d has no page number", p)
			continue
		}
		if !near(y, bottom+gbFolioGap, 1) {
			t.Errorf("page %d: number %.2f mm down, want %.0f", p, y, bottom+gbFolioGap)
		}
		if p%2 == 1 && !near(r, gbLeft+gbBlockW-em, 1) {
			t.Errorf("page %d: number ends at %.2f mm, want %.2f", p, r, gbLeft+gbBlockW-em)
		}
		if p%2 == 0 && !near(l, gbLeft+em, 1) {
			t.Errorf("page %d: number starts at %.2f mm, want %.2f", p, l, gbLeft+em)
		}
	}
}

// Rows glued together never part, and no page holds more than the grid.
func TestPaginate(t *testing.T) {
	var rows []gridRow
	for i := 0; i < 60; i++ {
		rows = append(rows, gridRow{glue: i%7 == 1 || i%7 == 2})
	}
	rows = append(rows, gridRow{blank: true, glue: true}, gridRow{blank: true, glue: true}, gridRow{glue: true}, gridRow{glue: true})
	pages := paginate(rows, 22)
	seen := 0
	for i, pg := range pages {
		if len(pg) > 22 {
			t.Errorf("page %d has %d rows", i+1, len(pg))
		}
		if len(pg) > 0 && (pg[0].glue && i > 0) {
			t.Errorf("page %d starts with a row glued to the page before", i+1)
		}
		if len(pg) > 0 && pg[0].blank {
			t.Errorf("page %d starts blank", i+1)
		}
		for _, r := range pg {
			if !r.blank {
				seen++
			}
		}
	}
	if seen != 62 {
		t.Errorf("%d rows placed, want 62", seen)
	}
}

func TestNoticeRefusesUnprintable(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*OfficialDoc)
		char  rune
		field string
	}{
		{"beyond U+FFFF in a name", func(d *OfficialDoc) { d.Groups[0].Items[1].Name = "𠀀家社区" }, 0x20000, "第2项"},
		{"no font has it", func(d *OfficialDoc) { d.Body[0] += "ก" }, 'ก', "正文第1段"},
		{"in the title", func(d *OfficialDoc) { d.Title += "𪚥" }, 0x2A6A5, "标题"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := sampleNotice(10)
			tc.edit(&d)
			var buf bytes.Buffer
			err := Notice(&buf, d, nil)
			var ge *GlyphError
			if !errors.As(err, &ge) {
				t.Fatalf("err = %v, want a GlyphError", err)
			}
			if ge.Char != tc.char || !strings.Contains(ge.Field, tc.field) || !strings.Contains(ge.Record, "公示") {
				t.Errorf("error names %q %q %U", ge.Record, ge.Field, ge.Char)
			}
			if msg := err.Error(); !strings.Contains(msg, string(tc.char)) || !strings.Contains(msg, fmt.Sprintf("U+%04X", tc.char)) {
				t.Errorf("message %q does not show the character", msg)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written despite the error", buf.Len())
			}
		})
	}
}

// A two-line title breaks between words, evenly, never inside 百佳|示范.
func TestTitleLines(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ title, want string }{
		{"关于2021年度党建引领百佳示范社区、百佳示范小区拟命名对象的公示", "关于2021年度党建引领百佳示范社区、|百佳示范小区拟命名对象的公示"},
		{"关于命名2021年度党建引领百佳示范社区、百佳示范小区的决定", "关于命名2021年度党建引领|百佳示范社区、百佳示范小区的决定"},
		{"关于2022年度示范小区拟命名对象的公示", "关于2022年度示范小区拟命名对象的公示"},
		{"关于二〇二一年度成都市城乡社区发展治理示范单位评选结果拟命名对象的公示", ""},
	}
	for _, tc := range tests {
		us, gerr := fs.shape([]span{{tc.title, RoleTitle}}, gbTitlePt, 0)
		if gerr != nil {
			t.Fatal(gerr)
		}
		var got []string
		for _, ln := range titleLines(us, gbBlockW) {
			if w := lineWidth(ln); w > gbBlockW+0.01 {
				t.Errorf("%q: line %q is %.1f mm wide", tc.title, lineText(ln), w)
			}
			got = append(got, lineText(ln))
		}
		if strings.Join(got, "") != tc.title {
			t.Errorf("%q: lines %q lose or add characters", tc.title, got)
		}
		if tc.want != "" && strings.Join(got, "|") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.title, strings.Join(got, "|"), tc.want)
		}
	}
}
