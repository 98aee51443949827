package rounds

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

// TestObjectionRegisterExport: 公示 has 导出异议登记…, which asks where to
// save, and the export holds the round's objections as the store has them.
func TestObjectionRegisterExport(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	u := openRounds(t, a)
	u.selectID(u.rounds[1].ID) // the 2021 round, with the demo's objections
	v := u.view
	selectTab(t, v, "公示")
	want, err := st.Objections(v.r.ID)
	if err != nil || len(want) == 0 {
		t.Fatalf("the 2021 round has %d objections (%v)", len(want), err)
	}
	overlays := len(a.win.Canvas().Overlays().List())
	tapButton(t, a, "导出异议登记…")
	if len(a.win.Canvas().Overlays().List()) <= overlays {
		t.Fatal("导出异议登记… showed no save dialog")
	}
	dismissDialogs(a)

	path := filepath.Join(t.TempDir(), "objections.xlsx")
	v.notice.exportObjectionsTo(path)
	a.Wait()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("异议登记")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(want)+1 {
		t.Fatalf("%d rows exported, the store has %d objections", len(rows)-1, len(want))
	}
	for i, o := range want {
		r := rows[i+1]
		if len(r) < 9 || r[1] != o.NomineeName || r[2] != o.Received.String() || r[6] != o.Content ||
			r[8] != data.OutcomeLabel(o.Outcome) {
			t.Errorf("row %d = %v, want %+v", i+2, r, o)
		}
	}
}
