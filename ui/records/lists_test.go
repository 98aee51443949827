package records

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
)

// The search finds a compound by its property phone (not a column) and by
// its address (a column), as well as by name.
func TestSearchFindsCompoundByPhoneAndAddress(t *testing.T) {
	st := newTestStore(t, true)
	cs, err := st.Compounds(0)
	if err != nil || len(cs) < 2 {
		t.Fatalf("demo compounds: %v (%d)", err, len(cs))
	}
	c := cs[1]
	c.PropertyPhone = "028-85551234"
	c.Address = "华阳街道锦江南路一百零八号"
	if err := st.SaveCompound(&c); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	p := openPage[*recordsPage[data.Compound]](t, a, "小区")
	for _, q := range []string{"85551234", "锦江南路", "028-8555"} {
		p.search.SetText(q)
		if p.tbl.Shown() != 1 || p.tbl.Row(0).ID != c.ID {
			t.Errorf("search %q shows %d rows, want only %q", q, p.tbl.Shown(), c.Name)
		}
	}
}

// A text cut to its column ends in "…"; a number is right-aligned.
func TestTableCellsCutAndAlign(t *testing.T) {
	st := newTestStore(t, true)
	cs, _ := st.Communities()
	c := cs[0]
	c.WorkMethod = strings.Repeat("红领社企共同体", 3)
	if err := st.SaveCommunity(&c); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	openPage[*recordsPage[data.Community]](t, a, "社区")
	a.win.Resize(fyne.NewSize(1366, 768))
	var cut, rightNum, leftNum bool
	walk(a.win.Content(), func(o fyne.CanvasObject) {
		l, ok := o.(*widget.Label)
		if !ok {
			return
		}
		if l.Text == c.WorkMethod {
			for _, o := range test.TempWidgetRenderer(t, l).Objects() {
				walk(o, func(o fyne.CanvasObject) {
					if tx, ok := o.(*canvas.Text); ok && strings.HasSuffix(tx.Text, "…") {
						cut = true
					}
				})
			}
		}
		if l.Text == c.Households.String() && l.Text != "" {
			if l.Alignment == fyne.TextAlignTrailing {
				rightNum = true
			} else {
				leftNum = true
			}
		}
	})
	if !cut {
		t.Error("the long 工作法 is not drawn ending in …")
	}
	if !rightNum || leftNum {
		t.Error("the 户数 cell is not right-aligned")
	}
}

// The 党组织 form shows 上次换届 and the 下次换届 it gives, saying whether the
// election is overdue (red) or due within 90 days (amber), as the clerk types.
func TestOrgFormShowsNextElection(t *testing.T) {
	a := newTestApp(t, newTestStore(t, true))
	a.Clock = func() time.Time { return time.Date(2025, 6, 1, 0, 0, 0, 0, time.Local) }
	p := openPage[*recordsPage[data.Org]](t, a, "党组织")
	p.NewRecord()
	next := field[*widget.Label](t, p.form, "ElectionDue")
	last := field[*widget.Entry](t, p.form, "LastElection")
	term := field[*widget.Entry](t, p.form, "TermYears")
	term.SetText("3")
	for _, c := range []struct {
		last, want string
		imp        widget.Importance
	}{
		{"2022-03-01", "2025-03-01（已到期", widget.DangerImportance},
		{"2022-07-15", "2025-07-15（将到期", widget.WarningImportance},
		{"2024-01-10", "2027-01-10（未到期", widget.MediumImportance},
	} {
		last.SetText(c.last)
		if !strings.HasPrefix(next.Text, c.want) || next.Importance != c.imp {
			t.Errorf("上次换届 %s: 下次换届 shows %q (importance %v), want %q… (%v)", c.last, next.Text, next.Importance, c.want, c.imp)
		}
	}
}
