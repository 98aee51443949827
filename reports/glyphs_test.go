package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// A batch with unprintable characters in two certificates names both records and
// both characters in one message, and still answers errors.As with the first.
func TestCertificatesNameEveryUnprintable(t *testing.T) {
	b := sampleBatch(6)
	b.Certs[1].Name = "𠀀家社区"
	b.Certs[4].Name = "南湖\uE000社区"
	var buf bytes.Buffer
	err := Certificates(context.Background(), &buf, b, nil, nil)
	var ges GlyphErrors
	if !errors.As(err, &ges) || len(ges) != 2 {
		t.Fatalf("err = %v, want GlyphErrors with two misses", err)
	}
	for _, want := range []string{"证书“𠀀家社区”", "U+20000", "证书“南湖\uE000社区”", "U+E000"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
	var ge *GlyphError
	if !errors.As(err, &ge) || ge.Char != 0x20000 || ge.Field != "名称" {
		t.Errorf("errors.As gave %v, want the first miss", ge)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
}

// A roster names every bad cell, capped at maxGlyphLines lines with the total.
func TestRecordListNamesEveryUnprintable(t *testing.T) {
	tb := sampleRecordTable(30)
	tb.Rows[2].Cells[1] = "南湖\uE001景"
	tb.Rows[2].Record = "小区“南湖景”"
	tb.Rows[7].Cells[6] = "正北上街𠀁号"
	err := RecordList(io.Discard, tb, nil)
	for _, want := range []string{"小区“南湖景”的字段“小区名称”", "U+E001", tb.Rows[7].Record + "的字段“地址”", "U+20001"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err %v lacks %q", err, want)
		}
	}
	for i := range tb.Rows {
		tb.Rows[i].Cells[5] = "物业" + string(rune(0xE100+i))
	}
	err = RecordList(io.Discard, tb, nil)
	var ges GlyphErrors
	if !errors.As(err, &ges) || len(ges) != 32 {
		t.Fatalf("err = %v, want 32 misses", err)
	}
	if lines := strings.Count(err.Error(), "\n"); lines > maxGlyphLines+2 || !strings.Contains(err.Error(), "等共 32 处") {
		t.Errorf("%d lines, message %q: want at most %d listed and the total", lines, err.Error(), maxGlyphLines)
	}
}

// A character the role's font lacks but the fallback has is printed and told:
// once per record, with the text it stands in; characters of the role's own
// font are not.
func TestCertificatesTellFallbackChars(t *testing.T) {
	b := sampleBatch(3)
	b.Certs[0].Name = "堃园社区"
	b.Certs[2].Name = "喆堃社区"
	var buf bytes.Buffer
	fw := &FallbackWriter{Writer: &buf}
	if err := Certificates(context.Background(), fw, b, nil, nil); err != nil {
		t.Fatal(err)
	}
	if buf.Len() == 0 {
		t.Fatal("nothing written through the FallbackWriter")
	}
	got := map[string]bool{}
	for _, c := range fw.Chars {
		got[fmt.Sprintf("%c %s", c.Char, c.Record)] = true
	}
	want := []string{"堃 证书“堃园社区”", "喆 证书“喆堃社区”", "堃 证书“喆堃社区”"}
	for _, w := range want {
		if !got[w] {
			t.Errorf("fallbacks %v lack %q", fw.Chars, w)
		}
	}
	if len(fw.Chars) != len(want) {
		t.Errorf("fallbacks %v, want only %v", fw.Chars, want)
	}
	line := FallbackText(fw.Chars)
	if !strings.HasPrefix(line, "以下字由备用字体印出：堃（堃园社区，证书“堃园社区”，") || fw.Chars[0].Style == "" {
		t.Errorf("line %q", line)
	}
}

// Unprintable names only the labels with characters no print font has.
func TestUnprintable(t *testing.T) {
	bad, err := Unprintable(nil, map[string]string{
		"社区“滨江”": "滨江社区", "社区“堃园”": "堃园社区", "小区“南湖”": "南湖𠀀\uE000𠀀小区",
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 1 || string(bad["小区“南湖”"]) != "𠀀\uE000" {
		t.Fatalf("Unprintable = %q, want only 小区“南湖” with 𠀀 and U+E000", bad)
	}
	lines := UnprintableLines(bad)
	if len(lines) != 1 || !strings.Contains(lines[0], "小区“南湖”") || !strings.Contains(lines[0], "U+20000") || !strings.Contains(lines[0], "设置") {
		t.Errorf("lines %q", lines)
	}
}

// A notice and a nomination form name every unprintable character too.
func TestNoticeAndFormNameEveryUnprintable(t *testing.T) {
	d := sampleNotice(10)
	d.Groups[0].Items[1].Name = "𠀀家社区"
	d.Body[0] += "ก"
	form := sampleForm(2)
	form.Methods += "以\uE000为名"
	form.Highlights += "以\uE001为名"
	for _, j := range []struct {
		doc  string
		run  func(w io.Writer) error
		want []string
	}{
		{"notice", func(w io.Writer) error { return Notice(w, d, nil) }, []string{"U+20000", "𠀀家社区", "U+0E01", "正文第1段"}},
		{"form", func(w io.Writer) error { return NominationSheet(w, form, nil) }, []string{"U+E000", "U+E001", "主要做法", "特色亮点"}},
	} {
		var buf bytes.Buffer
		err := j.run(&buf)
		var ges GlyphErrors
		if !errors.As(err, &ges) || len(ges) != 2 {
			t.Errorf("%s: err = %v, want two misses", j.doc, err)
			continue
		}
		for _, w := range j.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message %q lacks %q", j.doc, err.Error(), w)
			}
		}
		if buf.Len() != 0 {
			t.Errorf("%s: %d bytes written", j.doc, buf.Len())
		}
	}
}

// The statistics report names every unprintable character with its record —
// a table cell and a chart label in two different records — in one message,
// before anything is written.
func TestStatsPDFNamesEveryUnprintable(t *testing.T) {
	c := testChart()
	c.Labels[1] = "南湖\uE002社区"
	r := StatsReport{Title: "华阳街道统计报表",
		Tables: []StatsTable{{Title: "社区与小区", Columns: []TableColumn{{Title: "社区"}, {Title: "户数", Align: CellRight}},
			Rows: []TableRow{{Record: "社区“滨江”", Cells: []string{"滨江𠀂社区", "36"}},
				{Record: "社区“南湖”", Cells: []string{"南湖社区", "12"}},
				{Record: "合计", Cells: []string{"合计", "48"}}}}},
		Charts: []Chart{c}}
	var buf bytes.Buffer
	err := StatsPDF(&buf, r, nil)
	var ges GlyphErrors
	if !errors.As(err, &ges) || len(ges) != 2 {
		t.Fatalf("err = %v, want GlyphErrors with two misses", err)
	}
	for _, want := range []string{"社区“滨江”的字段“社区”", "U+20002", "图表“" + c.Title + "”的字段“项目”", "南湖\uE002社区", "U+E002"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err.Error(), want)
		}
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written", buf.Len())
	}
}

// Rare name characters in the 仿宋 body (堃 喆 玥, beyond GB 2312 and beyond
// FandolFang) print from the body's same-style fallback, 楷体, not from the
// 宋体 last resort: the PDF embeds the 楷体 fallback and not the 宋体 one, the
// text comes back exact, and the fallback line says 楷体.
func TestBodyRareCharsFromKaiFallback(t *testing.T) {
	doc := sampleNotice(4)
	doc.Body = append(doc.Body, "经群众推荐，张堃、李喆、王玥三位同志为社区联络员。")
	var buf bytes.Buffer
	fw := &FallbackWriter{Writer: &buf}
	if err := Notice(fw, doc, nil); err != nil {
		t.Fatal(err)
	}
	p := writePDF(t, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
	checkPDF(t, p)
	fonts := tool(t, "pdffonts", p)
	if !strings.Contains(fonts, "kaigbk") || strings.Contains(fonts, "fallback") {
		t.Errorf("fonts embedded:\n%s\nwant the 楷体 fallback (kaigbk) and not the 宋体 one", fonts)
	}
	if txt := pageText(t, p, 0); !strings.Contains(strings.ReplaceAll(txt, "\n", ""), "张堃、李喆、王玥三位同志") {
		t.Errorf("names not back from pdftotext:\n%s", txt)
	}
	if len(fw.Chars) != 3 {
		t.Fatalf("fallbacks %v, want 堃 喆 玥", fw.Chars)
	}
	for _, c := range fw.Chars {
		if c.Style != "楷体" || !strings.ContainsRune("堃喆玥", c.Char) {
			t.Errorf("fallback %c from %q, want 楷体", c.Char, c.Style)
		}
	}
	if line := FallbackText(fw.Chars); !strings.Contains(line, "堃（") || !strings.Contains(line, "，楷体）") {
		t.Errorf("line %q does not name the 楷体 fallback", line)
	}
}

// The statistics report tells a fallback character once, with the font of
// the role it prints in: 堃 in a 合计 row (黑体) comes from the 黑体 fallback.
func TestStatsPDFTellsFallbackOfItsRole(t *testing.T) {
	r := StatsReport{Title: "华阳街道统计报表",
		Tables: []StatsTable{{Title: "社区与小区", Columns: []TableColumn{{Title: "社区"}, {Title: "户数", Align: CellRight}},
			Rows: []TableRow{{Record: "社区“滨江”", Cells: []string{"滨江社区", "36"}},
				{Record: "合计", Cells: []string{"合计（堃）", "36"}}}}}}
	fw := &FallbackWriter{Writer: io.Discard}
	if err := StatsPDF(fw, r, nil); err != nil {
		t.Fatal(err)
	}
	if len(fw.Chars) != 1 || fw.Chars[0].Char != '堃' || fw.Chars[0].Style != "黑体" {
		t.Errorf("fallbacks %+v, want 堃 once, from 黑体", fw.Chars)
	}
}
