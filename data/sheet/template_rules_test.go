package sheet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
)

func TestTemplateDropDownsAndHints(t *testing.T) {
	for _, c := range []struct {
		kind   Kind
		header string
		list   []string // nil: an input message only
		hint   string
	}{
		{Compounds, "类型", data.CompoundKinds, ""},
		{Compounds, "业委会", []string{"是", "否"}, ""},
		{Compounds, "业委会成立时间", nil, "2019-03"},
		{Compounds, "物业电话", nil, "座机"},
		{Orgs, "类型", data.OrgKinds, ""},
		{Orgs, "上次换届", nil, "2021-06"},
		{Communities, "区划代码", nil, "12 位数字"},
	} {
		path := filepath.Join(t.TempDir(), string(c.kind)+".xlsx")
		if err := Template(c.kind, path); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		dvs, err := f.GetDataValidations(c.kind.Label())
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		col := ""
		for j, h := range Headers(c.kind) {
			if h == c.header {
				col = colName(j + 1)
			}
		}
		var found *excelize.DataValidation
		for _, dv := range dvs {
			if strings.HasPrefix(dv.Sqref, col+"2:") {
				found = dv
			}
		}
		if found == nil {
			t.Errorf("%s %s (column %s): no validation among %d", c.kind, c.header, col, len(dvs))
			continue
		}
		if c.list != nil {
			want := `"` + strings.Join(c.list, ",") + `"`
			if found.Type != "list" || found.Formula1 != want {
				t.Errorf("%s %s: %s %q, want the list %s", c.kind, c.header, found.Type, found.Formula1, want)
			}
		}
		if found.PromptTitle == nil || *found.PromptTitle != c.header || found.Prompt == nil ||
			!strings.Contains(*found.Prompt, c.hint) {
			t.Errorf("%s %s: input message %v %v, want one with %q", c.kind, c.header, found.PromptTitle, found.Prompt, c.hint)
		}
	}
}
