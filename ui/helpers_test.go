package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/widgets"
)

// The tests of the shell check the screens through the window, as the clerk
// sees them: the screens' types are their packages' own.

// newTestStore opens a store in a temporary folder, with the demo data when demo is set.
func newTestStore(t testing.TB, demo bool) *data.Store {
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

// newTestApp builds the window on st in Fyne's test driver.
func newTestApp(t testing.TB, st *data.Store) *App {
	t.Helper()
	a := build(test.NewTempApp(t), st)
	// Fyne's test driver runs fyne.Do on the calling goroutine: let the
	// window's first background loads finish before the test reads widgets.
	a.Wait()
	a.Window().Resize(fyne.NewSize(1200, 800))
	t.Cleanup(a.Wait) // before the store closes
	return a
}

// openScreen shows the screen with the navigation title.
func openScreen(t testing.TB, a *App, title string) {
	t.Helper()
	a.openTitled(title)
	a.Wait()
	if a.current == nil || a.current.title != title {
		t.Fatalf("screen %q not shown", title)
	}
}

// find is every visible object of type W in the window's content.
func find[W any](a *App) []W {
	var out []W
	walk(a.Window().Content(), func(o fyne.CanvasObject) {
		if w, ok := o.(W); ok {
			out = append(out, w)
		}
	})
	return out
}

// findOne is the first visible object of type W in the window's content.
func findOne[W any](t testing.TB, a *App) W {
	t.Helper()
	ws := find[W](a)
	if len(ws) == 0 {
		var zero W
		t.Fatalf("the window shows no %T", zero)
	}
	return ws[0]
}

// recordTable is the record list of the screen shown (社区, 小区, 党组织).
func recordTable[T any](t testing.TB, a *App) *widgets.RecordTable[T] {
	t.Helper()
	return findOne[*widgets.RecordTable[T]](t, a)
}

// formField is the widget of the form field labelled label inside root, and
// the line under it where the field's problem shows (see widgets.Form.Add).
func formField[W any](t testing.TB, root fyne.CanvasObject, label string) (W, *widget.Label) {
	t.Helper()
	var w W
	var msg *widget.Label
	found := false
	walk(root, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || found {
			return
		}
		for i := 0; i+1 < len(c.Objects); i += 2 {
			head, ok1 := c.Objects[i].(*fyne.Container)
			cell, ok2 := c.Objects[i+1].(*fyne.Container)
			if !ok1 || !ok2 || len(head.Objects) != 2 || len(cell.Objects) != 2 {
				continue
			}
			if l, ok := head.Objects[1].(*widget.Label); ok && l.Text == label {
				// The widget may sit in its box (focus ring, widgets/form_fields.go);
				// the message line holds the label.
				got := false
				walk(cell.Objects[0], func(o fyne.CanvasObject) {
					if x, isW := o.(W); isW && !got {
						w, got = x, true
					}
				})
				if !got {
					t.Fatalf("field %s is a %T", label, cell.Objects[0])
				}
				walk(cell.Objects[1], func(o fyne.CanvasObject) {
					if l, isL := o.(*widget.Label); isL && msg == nil {
						msg = l
					}
				})
				found = true
				return
			}
		}
	})
	if !found {
		t.Fatalf("no form field %s shown", label)
	}
	return w, msg
}

// selectTab shows the stage or tab whose title starts with title (a title may
// carry its progress, as 评审（已评 3/9）): a round's stage through its
// stepper, else in the first tab bar that has one.
func selectTab(t testing.TB, a *App, title string) *container.AppTabs {
	t.Helper()
	for _, s := range find[*widgets.Stepper](a) {
		for i, st := range s.Steps() {
			if strings.HasPrefix(st.Name, title) {
				s.Select(i)
				return nil
			}
		}
	}
	for _, tabs := range find[*container.AppTabs](a) {
		for _, it := range tabs.Items {
			if strings.HasPrefix(it.Text, title) {
				tabs.Select(it)
				return tabs
			}
		}
	}
	t.Fatalf("no tab %s shown", title)
	return nil
}

// shownTexts is every visible label and button text in the window's content and overlays.
func shownTexts(a *App) []string {
	var out []string
	objs := append([]fyne.CanvasObject{a.Window().Content()}, a.Window().Canvas().Overlays().List()...)
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
			switch w := o.(type) {
			case *widget.Label:
				out = append(out, w.Text)
			case *widget.Button:
				out = append(out, w.Text)
			case *widget.RichText: // a list's cell with the search's words marked
				out = append(out, w.String())
			}
		})
	}
	return out
}

func showsText(a *App, want string) bool {
	for _, s := range shownTexts(a) {
		if strings.Contains(s, want) {
			return true
		}
	}
	return false
}

// tapButton taps the visible button labelled text, in the overlays first.
func tapButton(t testing.TB, a *App, text string) {
	t.Helper()
	var found *widget.Button
	objs := append(a.Window().Canvas().Overlays().List(), a.Window().Content())
	for _, o := range objs {
		walk(o, func(o fyne.CanvasObject) {
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

func pressShortcut(a *App, sc fyne.Shortcut) {
	a.Window().Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// pressDelete presses the Delete key with no widget focused.
func pressDelete(a *App) {
	a.Window().Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyDelete})
}

func dismissDialogs(a *App) {
	for _, o := range a.Window().Canvas().Overlays().List() {
		a.Window().Canvas().Overlays().Remove(o)
	}
}

// walk visits o and every visible object inside it.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// roundStore is a store with one round and nominations submitted by
// 滨江社区 and 龙河社区, in a community's copy (滨江社区) when role says so.
func roundStore(t *testing.T, role string) (*data.Store, []int64) {
	t.Helper()
	st := newTestStore(t, false)
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

func hasSheet(sheets []data.ScoreSheet, nom, rev int64) bool {
	for _, s := range sheets {
		if s.NominationID == nom && s.ReviewerID == rev {
			return true
		}
	}
	return false
}
