package reporting

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/shell"
	"jiayuan/ui/widgets"
)

func init() { widgets.Inline = true }

func newPage(t *testing.T) (*Page, *shell.Base, *data.Store) {
	t.Helper()
	st, err := data.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t)
	b := shell.New(fa, st)
	b.SetWindow(fa.NewWindow("家园"))
	b.Status = widget.NewLabel("")
	t.Cleanup(b.Wait)
	p := NewPage(b)
	b.Window().SetContent(p.Content())
	b.Window().Resize(fyne.NewSize(1200, 800))
	p.Reload()
	return p, b, st
}

// A snapshot taken on the screen, a change, then the comparison with today
// shows exactly that change (and the 合计's).
func TestComparisonOnScreenShowsTheChange(t *testing.T) {
	p, b, st := newPage(t)
	p.Take("去年底")
	b.Wait()
	if len(p.snaps) != 1 || p.snaps[0].Name != "去年底" {
		t.Fatalf("snapshots listed: %+v (status %q)", p.snaps, b.Status.Text)
	}
	cs, _ := st.Communities()
	c := cs[0]
	c.Population = data.Exact(c.Population.N + 250)
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	p.older.SetSelected("去年底")
	p.newer.SetSelected("今天")
	p.compare()
	b.Wait()
	var community, total bool
	for _, l := range p.Lines() {
		if l.Figure != "服务人口" {
			if !l.Total && l.Change != 0 {
				t.Errorf("unexpected change: %+v", l)
			}
			continue
		}
		switch {
		case l.Total && l.Change == 250:
			total = true
		case l.Community == c.Name && l.Change == 250:
			community = true
		}
	}
	if !community || !total {
		t.Errorf("the change of 服务人口 is missing: community %v, 合计 %v; lines %+v", community, total, p.Lines())
	}
}

// Deleting asks first; only the confirmation deletes.
func TestDeleteSnapshotAsksFirst(t *testing.T) {
	p, b, st := newPage(t)
	if _, err := st.TakeYearly("要删的"); err != nil {
		t.Fatal(err)
	}
	p.Reload()
	p.list.Select(widget.TableCellID{Row: 0, Col: 0})
	p.askDelete()
	overlays := b.Window().Canvas().Overlays().List()
	if len(overlays) == 0 {
		t.Fatal("no confirmation shown")
	}
	if l, _ := st.YearlySnapshots(); len(l) != 1 {
		t.Fatal("deleted before the confirmation")
	}
	var confirm *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if btn, ok := o.(*widget.Button); ok && btn.Text == "确认删除" {
			confirm = btn
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, x := range test.WidgetRenderer(w).Objects() {
				walk(x)
			}
		}
	}
	walk(overlays[len(overlays)-1])
	if confirm == nil {
		t.Fatal("no 确认删除 button")
	}
	test.Tap(confirm)
	if l, _ := st.YearlySnapshots(); len(l) != 0 {
		t.Errorf("still listed after confirming: %+v", l)
	}
	if len(p.snaps) != 0 {
		t.Errorf("the screen still lists %d", len(p.snaps))
	}
}
