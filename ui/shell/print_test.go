package shell

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/documents"
)

func TestPrintToWritesAndReports(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestBase(t, st)
	dir := t.TempDir()
	good := filepath.Join(dir, "社区名册.pdf")
	var pages []int
	a.printTo("社区名册", good, func(ctx context.Context, w io.Writer, p func(int, int)) error {
		p(1, 1)
		pages = append(pages, 1)
		return documents.Records(st, documents.KindCommunities, w)
	})
	a.Wait()
	b, err := os.ReadFile(good)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		t.Fatalf("no whole PDF written: %v (%d bytes)", err, len(b))
	}
	if !strings.Contains(a.Status.Text, "已保存到") {
		t.Errorf("status %q", a.Status.Text)
	}

	// A failing job and a cancelled one leave nothing: not the file (the save
	// dialog creates none, widgets/savedialog.go), not a temporary file.
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
		a.printTo(c.name, path, func(ctx context.Context, w io.Writer, _ func(int, int)) error {
			io.WriteString(w, "%PDF-1.4 half")
			return c.err
		})
		a.Wait()
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s: file left behind (%v)", c.name, err)
		}
		if c.status != "" && !strings.Contains(a.Status.Text, c.status) {
			t.Errorf("%s: status %q", c.name, a.Status.Text)
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
	a := newTestBase(t, st)
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
	a.printTo("证书", path, func(ctx context.Context, w io.Writer, p func(int, int)) error {
		ctx, cancel := context.WithCancel(ctx)
		return documents.Certificates(ctx, st, r.ID, w, func(done, total int) {
			p(done, total)
			if done == 1 {
				cancel()
				cancelled = true
			}
		})
	})
	a.Wait()
	if !cancelled {
		t.Fatal("the batch never reported progress")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a cancelled batch left a file (%v)", err)
	}
	if !strings.Contains(a.Status.Text, "已取消") {
		t.Errorf("status %q", a.Status.Text)
	}
}

// The score sheet button opens its menu of the two choices.
func TestScoreSheetButtonOpensMenu(t *testing.T) {
	a := newTestBase(t, newTestStore(t, true))
	b := a.scoreSheetButton(func() data.Round { return data.Round{} })
	w := test.NewTempWindow(t, b)
	test.Tap(b)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("tapping 打印评分表 shows no menu")
	}
}

func TestSafeFileName(t *testing.T) {
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
}

// A round has five documents to print, and the score sheets two ways.
func TestRoundPrintButtons(t *testing.T) {
	a := newTestBase(t, newTestStore(t, true))
	if len(a.roundPrintButtons(func() data.Round { return data.Round{} })) != 5 {
		t.Error("a round has five documents to print")
	}
	if m := a.scoreSheetMenu(func() data.Round { return data.Round{} }); len(m.Items) != 2 {
		t.Errorf("the score sheet button offers %d choices, want as entered and blank", len(m.Items))
	}
}

// A finished print says one thing, in one dialog with both ways to the file;
// the status line does not claim the file is being opened.
func TestPrintFinishedMessageHasBothButtons(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestBase(t, st)
	path := filepath.Join(t.TempDir(), "社区名册.pdf")
	a.printTo("社区名册", path, func(ctx context.Context, w io.Writer, _ func(int, int)) error {
		return documents.Records(st, documents.KindCommunities, w)
	})
	a.Wait()
	if strings.Contains(a.Status.Text, "正在") {
		t.Errorf("status %q says something is still going on", a.Status.Text)
	}
	var buttons []string
	var texts []string
	for _, o := range a.Window().Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Button:
				buttons = append(buttons, w.Text)
			case *widget.Label:
				texts = append(texts, w.Text)
			}
		})
	}
	for _, want := range []string{"打开文件", "打开所在文件夹"} {
		if !slices.Contains(buttons, want) {
			t.Errorf("print-finished message has no %s button: %q", want, buttons)
		}
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, path) || strings.Count(all, "已保存到") != 1 {
		t.Errorf("print-finished message %q does not name the file once", all)
	}
}

// walkObjects calls fn on o and everything inside it.
func walkObjects(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkObjects(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkObjects(c, fn)
		}
	}
}

// A document with a character drawn from a fallback font says so, naming the
// character and its record, in the print-finished message.
func TestPrintFinishedMessageTellsFallbackChars(t *testing.T) {
	st := newTestStore(t, true)
	comms, err := st.Communities()
	if err != nil || len(comms) == 0 {
		t.Fatalf("no communities: %v", err)
	}
	c := comms[0]
	c.Name = "堃园社区"
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	a := newTestBase(t, st)
	path := filepath.Join(t.TempDir(), "社区名册.pdf")
	a.printTo("社区名册", path, func(ctx context.Context, w io.Writer, _ func(int, int)) error {
		return documents.Records(st, documents.KindCommunities, w)
	})
	a.Wait()
	var texts []string
	for _, o := range a.Window().Canvas().Overlays().List() {
		walkObjects(o, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		})
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "以下字由备用字体印出：") || !strings.Contains(all, "堃（堃园社区，社区“堃园社区”") {
		t.Errorf("print-finished message %q does not tell the fallback 堃", all)
	}
}
