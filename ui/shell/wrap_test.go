package shell

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"jiayuan/reports"
	jtheme "jiayuan/ui/theme"
)

// Every character one unit wide: the lines are checked by counting.
func TestWrapTextRules(t *testing.T) {
	count := func(s string) float32 { return float32(len([]rune(s))) }
	for _, tc := range []struct {
		text  string
		width float32
		want  string
	}{
		{"一二三四，五六", 4, "一二三\n四，五六"},                      // "，" does not start a line: "四" comes down with it
		{"一二三「四五六」七八", 4, "一二三\n「四五\n六」七八"},              // "「" does not end one, "」" does not start one
		{"文件 report.xlsx 坏了", 12, "文件\nreport.xlsx\n坏了"}, // a file name stays whole
		{"一二三四五六七八九十一二三四五六", 4, "一二三四\n五六七八\n九十一二\n三四五六"},
		{"第一行\n  · 第二行很长", 6, "第一行\n  · 第二\n行很长"},
		{"（（（（（（（（（（（（（（（（", 4, "（（（（\n（（（（\n（（（（\n（（（（"}, // nowhere better: cut where full
	} {
		got := WrapText(tc.text, tc.width, count)
		if got != tc.want {
			t.Errorf("WrapText(%q, %v) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if count(l) > tc.width {
				t.Errorf("WrapText(%q): line %q is wider than %v", tc.text, l, tc.width)
			}
		}
	}
}

// The rows an error dialog draws never start with closing punctuation nor
// end with opening punctuation, wherever the punctuation falls, and nothing
// of the message is lost.
func TestErrorDialogBreaksByChineseRules(t *testing.T) {
	b := newTestBase(t, newTestStore(t, false))
	b.App().Settings().SetTheme(jtheme.New()) // the window's Chinese fonts, measured as the clerk sees them
	perLine := int((messageWidth - 2*theme.InnerPadding()) / fyne.MeasureText("滨", theme.TextSize(), fyne.TextStyle{}).Width)
	for _, p := range "，。、；：？！）」』》（「《" {
		for k := perLine - 1; k <= perLine+1; k++ {
			msg := strings.Repeat("滨", k) + string(p) + strings.Repeat("江", perLine)
			b.ShowError("无法保存", errors.New(msg))
			rows := dialogRows(t, b)
			for i, r := range rows {
				first, last := []rune(r)[0], []rune(r)[len([]rune(r))-1]
				if i > 0 && reports.NoLineStart(first) || i < len(rows)-1 && reports.NoLineEnd(last) {
					t.Errorf("%q with %d characters before it: drawn as %q", p, k, rows)
					break
				}
			}
			if strings.Join(rows, "") != msg {
				t.Errorf("drawn %q, want all of %q", rows, msg)
			}
			for _, o := range b.Window().Canvas().Overlays().List() {
				o.Hide()
				b.Window().Canvas().Overlays().Remove(o)
			}
		}
	}
}

// dialogRows are the rows of text the topmost dialog's message is drawn in.
func dialogRows(t *testing.T, b *Base) []string {
	t.Helper()
	var rows []string
	ov := b.Window().Canvas().Overlays().Top()
	walkObjects(ov, func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok || l.Wrapping == fyne.TextWrapOff {
			return
		}
		// The same label laid out afresh at the width the dialog gives it:
		// the dialog's own rows are computed only when the window draws.
		drawn := widget.NewLabel(l.Text)
		drawn.Wrapping = l.Wrapping
		test.NewTempWindow(t, drawn)
		drawn.Resize(fyne.NewSize(l.Size().Width, 1000))
		walkObjects(drawn, func(o fyne.CanvasObject) {
			if tx, ok := o.(*canvas.Text); ok && tx.Text != "" {
				rows = append(rows, tx.Text)
			}
		})
	})
	if rows == nil {
		t.Fatal("no message drawn")
	}
	return rows
}
