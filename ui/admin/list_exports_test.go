package admin

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

func sheetRows(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestAuditAndRecycleExports: 导出… writes what the screen's filter gives,
// read back with the same values as the store.
func TestAuditAndRecycleExports(t *testing.T) {
	st := newTestStore(t, true)
	st.Operator = "王芳"
	c := &data.Community{Name: "锦江社区"}
	if err := st.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	if err := st.Delete(data.EntityCommunity, c.ID); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	p := showPage(a, NewAuditPage(a))
	p.operator.SetText("王芳")
	path := filepath.Join(t.TempDir(), "audit.xlsx")
	p.exportTo(path)
	a.Wait()
	want, _ := st.AuditLog(data.AuditFilter{Operator: "王芳"})
	rows := sheetRows(t, path, "操作记录")
	if len(rows) != len(want)+1 || len(want) != 2 {
		t.Fatalf("%d rows exported, %d audit rows by 王芳", len(rows)-1, len(want))
	}
	for i, e := range want {
		if r := rows[i+1]; r[1] != "王芳" || r[3] != e.Record || r[4] != data.ActionLabel(e.Action) {
			t.Errorf("row %d = %v, want %+v", i+2, r, e)
		}
	}

	r := showPage(a, NewRecyclePage(a))
	path = filepath.Join(t.TempDir(), "recycle.xlsx")
	r.exportTo(path)
	a.Wait()
	rows = sheetRows(t, path, "回收站")
	if len(rows) != len(r.rows)+1 || rows[1][1] != "锦江社区" || rows[1][0] != "社区" {
		t.Errorf("recycle export %v, want 锦江社区 first of %d", rows, len(r.rows))
	}
}
