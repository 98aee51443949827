package help

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/guide"
	"jiayuan/ui/shell"
	jtheme "jiayuan/ui/theme"
)

func newPage(t *testing.T) (*Page, fyne.Window) {
	t.Helper()
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fa := test.NewTempApp(t)
	jtheme.Use(fa) // the embedded font: the test theme would look every Chinese character up in the system's fonts
	b := shell.New(fa, st)
	b.SetWindow(fa.NewWindow("家园"))
	b.Status = widget.NewLabel("")
	p := NewPage(b)
	b.Window().SetContent(p.Content())
	b.Window().Resize(fyne.NewSize(1200, 800))
	return p, b.Window()
}

// shownText is the text of the sections shown.
func shownText(p *Page) string {
	var sb strings.Builder
	var seg func(s widget.RichTextSegment)
	seg = func(s widget.RichTextSegment) {
		switch x := s.(type) {
		case *widget.ListSegment:
			for _, it := range x.Items {
				seg(it)
			}
		case *widget.TextSegment:
			sb.WriteString(x.Text)
		}
	}
	for _, o := range p.body.Objects {
		for _, s := range o.(*widget.RichText).Segments {
			seg(s)
		}
	}
	return sb.String()
}

// Typing in the search box filters the guide as one types: only the
// sections with a match remain, the list beside them follows, and a word
// found nowhere says so.
func TestSearchFilters(t *testing.T) {
	p, _ := newPage(t)
	if got := len(p.Shown()); got != len(guide.Sections()) || got < 8 {
		t.Fatalf("%d sections shown before searching", got)
	}
	test.Type(p.search, "红头纸")
	shown := p.Shown()
	if len(shown) == 0 || len(shown) >= len(guide.Sections()) {
		t.Fatalf("searching 红头纸 shows %v", shown)
	}
	if !contains(shown, "打印") || contains(shown, "快捷键") || contains(shown, "记录的字段与规则") {
		t.Errorf("searching 红头纸 shows %v", shown)
	}
	if p.titles.Length() != len(shown) {
		t.Errorf("the list has %d titles for %d sections", p.titles.Length(), len(shown))
	}
	if txt := shownText(p); !strings.Contains(txt, "校准页") || strings.Contains(txt, "Ctrl+N") {
		t.Errorf("shown text: %s", txt)
	}
	p.search.SetText("")
	test.Type(p.search, "没有这个词")
	if len(p.Shown()) != 0 || !p.none.Visible() || !strings.Contains(p.none.Text, "没有找到“没有这个词”") {
		t.Errorf("a word found nowhere: %v, %q", p.Shown(), p.none.Text)
	}
	p.search.SetText("")
	if len(p.Shown()) != len(guide.Sections()) || p.none.Visible() {
		t.Errorf("clearing the search shows %d sections", len(p.Shown()))
	}
}

// ShowSection (帮助 → 快捷键) clears the search and selects the section.
func TestShowSection(t *testing.T) {
	p, _ := newPage(t)
	test.Type(p.search, "备份")
	p.ShowSection(guide.KeysTitle)
	if p.search.Text != "" || len(p.Shown()) != len(guide.Sections()) {
		t.Fatalf("search %q, %d sections", p.search.Text, len(p.Shown()))
	}
	// The last section cannot scroll to the top: it must be in view.
	top := p.body.Objects[len(p.body.Objects)-1].Position().Y
	if y := p.scroll.Offset.Y; y <= 0 || top < y || top > y+p.scroll.Size().Height {
		t.Errorf("scrolled to %v (view %v high), the shortcuts start at %v", y, p.scroll.Size().Height, top)
	}
	p.ShowSection("评选流程")
	if y, top := p.scroll.Offset.Y, p.body.Objects[1].Position().Y; y != top {
		t.Errorf("scrolled to %v, 评选流程 starts at %v", y, top)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
