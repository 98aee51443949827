// Package uitest is what the window's screen packages share in their tests:
// a store in a temporary folder, a window on it in Fyne's test driver
// (shell.Base with no navigation), and ways to read and tap what the window
// shows. Only tests import it; it imports data, ui/shell and Fyne's test
// driver, never a screen package.
package uitest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/data/dbtest"
	"jiayuan/ui/shell"
	jtheme "jiayuan/ui/theme"
	"jiayuan/ui/widgets"
)

// DamagedDemoStore opens a demo store after damage has been done to its
// closed database file.
func DamagedDemoStore(t *testing.T, damage func(db string) error) *data.Store {
	t.Helper()
	dir := t.TempDir()
	st, err := data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := damage(filepath.Join(dir, data.DBFile)); err != nil {
		t.Fatal(err)
	}
	st, err = data.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// BrokenIndex damages an index of the database file db (for DamagedDemoStore).
func BrokenIndex(db string) error { return dbtest.BreakIndex(db, "compounds_community") }

// BenchCompounds makes n compounds spread over 40 communities, as the
// 小区 list holds them, for the window's benchmarks.
func BenchCompounds(n int) []data.Compound {
	rows := make([]data.Compound, n)
	kinds := data.CompoundKinds
	for i := range rows {
		comm := i % 40
		rows[i] = data.Compound{
			ID: int64(i + 1), UUID: fmt.Sprintf("u%d", i), CommunityID: int64(comm + 1),
			CommunityName: fmt.Sprintf("第%d社区", comm+1),
			Name:          fmt.Sprintf("%s%d号院", []string{"锦江", "龙河", "滨江", "南湖", "华府", "天府"}[i%6], i),
			Address:       fmt.Sprintf("华阳大道%d段%d号", i%9+1, i%300+1),
			Kind:          kinds[i%len(kinds)], YearBuilt: 1980 + i%40,
			Households:      data.Exact(int64(100 + i%2000)),
			OwnersCommittee: true,
			CommitteeChair:  []string{"张伟", "王芳", "李娜", "刘洋", "陈静"}[i%5],
			PropertyCompany: "物业服务有限公司",
		}
	}
	return rows
}

// NewStore opens a store in a temporary folder, with the demo data when demo is set.
func NewStore(t testing.TB, demo bool) *data.Store {
	t.Helper()
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if demo {
		if err := data.LoadDemo(st); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// NewBase is a 1200×800 window on st in Fyne's test driver, showing nothing
// yet, with a status line. Its jobs are waited for before the store closes.
func NewBase(t testing.TB, st *data.Store) *shell.Base {
	t.Helper()
	fa := test.NewTempApp(t)
	// the embedded font, as the window has it: the test theme would look
	// every Chinese character up in the system's fonts (seconds per long text)
	jtheme.Use(fa)
	b := shell.New(fa, st)
	b.SetWindow(fa.NewWindow("家园"))
	b.Status = widget.NewLabel("")
	b.Window().Resize(fyne.NewSize(1200, 800))
	t.Cleanup(b.Wait) // before the store closes
	return b
}

// Field is the widget of the form field name.
func Field[W any](t testing.TB, f *widgets.Form, name string) W {
	t.Helper()
	w, ok := f.Widget(name).(W)
	if !ok {
		t.Fatalf("form field %s is a %T", name, f.Widget(name))
	}
	return w
}

// ShownTexts is every visible label, button and marked list cell's text in
// the window's content and overlays.
func ShownTexts(w fyne.Window) []string {
	var out []string
	objs := append([]fyne.CanvasObject{w.Content()}, w.Canvas().Overlays().List()...)
	for _, o := range objs {
		Walk(o, func(o fyne.CanvasObject) {
			switch x := o.(type) {
			case *widget.Label:
				out = append(out, x.Text)
			case *widget.Button:
				out = append(out, x.Text)
			case *widget.RichText: // a list's cell with the search's words marked
				out = append(out, x.String())
			}
		})
	}
	return out
}

// ShowsText reports whether some shown text holds want.
func ShowsText(w fyne.Window, want string) bool {
	for _, s := range ShownTexts(w) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// TapButton taps the visible button labelled text, in the overlays first.
func TapButton(t testing.TB, w fyne.Window, text string) {
	t.Helper()
	var found *widget.Button
	objs := append(w.Canvas().Overlays().List(), w.Content())
	for _, o := range objs {
		Walk(o, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
				found = b
			}
		})
	}
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	test.Tap(found)
}

// Walk visits o and every visible object inside it.
func Walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			Walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			Walk(c, fn)
		}
	}
}

// OverlayEntry is the first entry of the topmost dialog.
func OverlayEntry(t testing.TB, w fyne.Window) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	if top := w.Canvas().Overlays().Top(); top != nil {
		Walk(top, func(o fyne.CanvasObject) {
			if e, ok := o.(*widget.Entry); ok && found == nil {
				found = e
			}
		})
	}
	if found == nil {
		t.Fatal("no dialog with an entry")
	}
	return found
}

// DismissDialogs removes every overlay.
func DismissDialogs(w fyne.Window) {
	for _, o := range w.Canvas().Overlays().List() {
		w.Canvas().Overlays().Remove(o)
	}
}

// RoundStore is a store with one round and nominations submitted by
// 滨江社区 and 龙河社区, in a community's copy (滨江社区) when role says so.
func RoundStore(t testing.TB, role string) (*data.Store, []int64) {
	t.Helper()
	st := NewStore(t, false)
	if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleOffice, Operator: "测试员"}); err != nil {
		t.Fatal(err)
	}
	r := data.NewRound(2023)
	if err := st.SaveRound(&r); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var first data.Community
	for i, name := range []string{"滨江社区", "龙河社区"} {
		c := &data.Community{Name: name}
		if err := st.SaveCommunity(c); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = *c
		}
		n := &data.Nomination{RoundID: r.ID, CommunityID: c.ID, CategoryID: r.Categories[0].ID,
			Methods: "做法", Contact: "李华", ContactPhone: "13800000000", Opinion: "同意", SelfScores: data.CriterionScores{}}
		for _, k := range r.Criteria {
			n.SelfScores[k.ID] = k.Max
		}
		if err := st.SaveNomination(n); err != nil {
			t.Fatal(err)
		}
		if err := st.Transition(n.ID, data.ActSubmit, ""); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, n.ID)
	}
	if role == data.RoleCommunity {
		if err := st.SaveSettings(data.Settings{OfficeName: "华阳街道", Role: data.RoleCommunity, CommunityUUID: first.UUID}); err != nil {
			t.Fatal(err)
		}
	}
	return st, ids
}

// Within collects the texts of the labels, buttons and card subtitles inside o.
func Within(o fyne.CanvasObject) []string {
	var out []string
	Walk(o, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Card:
			out = append(out, w.Subtitle)
		}
	})
	return out
}

// HasText reports whether some text inside o holds want.
func HasText(o fyne.CanvasObject, want string) bool {
	for _, s := range Within(o) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// Eventually polls cond while Fyne's test driver runs the work goroutines,
// for up to 20 s on a loaded machine.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 2000; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("never happened: %s", what)
}
