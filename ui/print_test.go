package ui

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/documents"
)

func TestPrintToWritesAndReports(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	dir := t.TempDir()
	good := filepath.Join(dir, "社区名册.pdf")
	var pages []int
	a.printTo("社区名册", good, false, func(ctx context.Context, w io.Writer, p func(int, int)) error {
		p(1, 1)
		pages = append(pages, 1)
		return documents.Records(st, documents.KindCommunities, w)
	})
	a.busy.Wait()
	b, err := os.ReadFile(good)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		t.Fatalf("no whole PDF written: %v (%d bytes)", err, len(b))
	}
	if !strings.Contains(a.status.Text, "已保存到") {
		t.Errorf("status %q", a.status.Text)
	}

	// A failing job and a cancelled one leave nothing: not the file, not the
	// empty file the save dialog created, not a temporary file.
	cases := []struct {
		name   string
		err    error
		status string
	}{
		{"fail", errors.New("字体缺字"), ""},
		{"cancel", context.Canceled, "已取消"},
	}
	for _, c := range cases {
		path := filepath.Join(dir, c.name+".pdf")
		if err := os.WriteFile(path, nil, 0o644); err != nil { // as the save dialog leaves it
			t.Fatal(err)
		}
		a.printTo(c.name, path, true, func(ctx context.Context, w io.Writer, _ func(int, int)) error {
			io.WriteString(w, "%PDF-1.4 half")
			return c.err
		})
		a.busy.Wait()
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s: file left behind (%v)", c.name, err)
		}
		if c.status != "" && !strings.Contains(a.status.Text, c.status) {
			t.Errorf("%s: status %q", c.name, a.status.Text)
		}
	}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestPrintToCancelStopsABatch(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	rs, err := st.Rounds()
	if err != nil {
		t.Fatal(err)
	}
	var r data.Round
	for _, x := range rs {
		if x.Year == 2021 {
			r = x
		}
	}
	path := filepath.Join(t.TempDir(), "证书.pdf")
	// The job is cancelled from its own progress callback, as the cancel button does.
	var cancelled bool
	a.printTo("证书", path, false, func(ctx context.Context, w io.Writer, p func(int, int)) error {
		ctx, cancel := context.WithCancel(ctx)
		return documents.Certificates(ctx, st, r.ID, w, func(done, total int) {
			p(done, total)
			if done == 1 {
				cancel()
				cancelled = true
			}
		})
	})
	a.busy.Wait()
	if !cancelled {
		t.Fatal("the batch never reported progress")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a cancelled batch left a file (%v)", err)
	}
	if !strings.Contains(a.status.Text, "已取消") {
		t.Errorf("status %q", a.status.Text)
	}
}

func TestSafeFileNameAndTemplateValue(t *testing.T) {
	for in, want := range map[string]string{
		"公示-2021年度评选": "公示-2021年度评选.pdf",
		"证书/2021:第1批": "证书_2021_第1批.pdf",
		"名册.PDF":      "名册.PDF",
		` 评分表"<初稿>" `: "评分表__初稿__.pdf",
	} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
	if templateValue(" "+data.DefaultNoticeTemplate+"\n", data.DefaultNoticeTemplate) != "" {
		t.Error("the default template should be stored as empty")
	}
	if v := templateValue("本街道{title}公示。\r\n第二段", data.DefaultNoticeTemplate); v != "本街道{title}公示。\n第二段" {
		t.Errorf("custom template stored as %q", v)
	}
}

func TestPrintSettingsPanelBuilds(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	s, _ := st.Settings()
	s.CertLayout = documents.CertLayout{PaperW: 260, PaperH: 185, Stock: true, OffsetX: -1.5}.String()
	if err := st.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	if a.printSettingsPanel() == nil {
		t.Fatal("no panel")
	}
	if len(a.roundPrintButtons(func() data.Round { return data.Round{} })) != 5 {
		t.Error("a round has five documents to print")
	}
	if m := a.scoreSheetMenu(func() data.Round { return data.Round{} }); len(m.Items) != 2 {
		t.Errorf("the score sheet button offers %d choices, want as entered and blank", len(m.Items))
	}
}

// The stock positions: shown to a tenth of a millimetre, read back, checked
// against the paper; the design's own places are recognised as the default.
func TestStockBoxEditor(t *testing.T) {
	newTestApp(t, newTestStore(t, true))
	p := reports.Paper{W: 260, H: 185}
	def := reports.DefaultStockLayout(p)
	ed := newStockBoxEditor()
	ed.set(def)
	got, err := ed.read(p)
	if err != nil {
		t.Fatal(err)
	}
	if !sameBoxes(got, def) {
		t.Errorf("default read back as %+v, want %+v", got, def)
	}
	if sameBoxes(got, reports.DefaultStockLayout(reports.A4Landscape)) {
		t.Error("the 260×185 places equal the A4 ones")
	}
	cases := []struct {
		row, col int
		text     string
		want     string // "" : accepted
	}{
		{0, 0, "52.5", ""},
		{2, 2, "0", ""}, // width 0: the issuer is not printed, wherever it is
		{1, 1, "abc", "“内容”的上边距应为数字"},
		{0, 0, "250", "超出了 260×185 毫米的纸张"},
		{3, 1, "-2", "超出了"},
		{4, 3, "100", "字号应在 6～72 磅之间"},
	}
	for _, c := range cases {
		ed.set(def)
		ed.e[c.row][c.col].SetText(c.text)
		got, err := ed.read(p)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q in row %d col %d refused: %v", c.text, c.row, c.col, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q in row %d col %d: err %v, want %q", c.text, c.row, c.col, err, c.want)
		case c.want == "" && sameBoxes(got, def):
			t.Errorf("%q in row %d col %d not taken", c.text, c.row, c.col)
		}
	}
}

// The score sheet button opens its menu of the two choices.
func TestScoreSheetButtonOpensMenu(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	b := a.scoreSheetButton(func() data.Round { return data.Round{} })
	w := test.NewTempWindow(t, b)
	test.Tap(b)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("tapping 打印评分表 shows no menu")
	}
}
