package exchange

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"jiayuan/data"
	"jiayuan/data/sheet"
)

// punctName is a name with the Chinese punctuation clerks type: （）， and ！.
const punctName = "华新社区（筹），一期！"

// TestChinesePunctuationSurvivesSaveImportAndExchange: a name keeps its
// full-width punctuation through a single save, the Excel import and an
// exchange file, and arrives the same all three ways (it used to be stored as
// 华新社区(筹),一期!).
func TestChinesePunctuationSurvivesSaveImportAndExchange(t *testing.T) {
	// A single save.
	saved := openStore(t)
	c := &data.Community{Name: "  " + punctName + "\u3000", SecretaryPhone: "（028）８５６１１００１"}
	if err := saved.SaveCommunity(c); err != nil {
		t.Fatal(err)
	}
	got, err := saved.Community(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != punctName {
		t.Errorf("saved: %q, want %q", got.Name, punctName)
	}
	if got.SecretaryPhone != "(028)85611001" {
		t.Errorf("a phone still folds its full-width signs: %q", got.SecretaryPhone)
	}

	// The Excel import.
	book := filepath.Join(t.TempDir(), "社区.xlsx")
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "社区名称")
	f.SetCellValue("Sheet1", "A2", punctName)
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	imported := openStore(t)
	if _, err := sheet.Import(imported, sheet.Communities, book, nil); err != nil {
		t.Fatal(err)
	}
	if names := communityNames(t, imported); len(names) != 1 || names[0] != punctName {
		t.Errorf("imported from Excel: %q, want %q", names, punctName)
	}

	// The exchange file, from the store saved above into an empty one.
	if err := saved.SaveSettings(data.Settings{OfficeName: "华阳街道（试点）", Role: data.RoleOffice}); err != nil {
		t.Fatal(err)
	}
	received := openStore(t)
	if _, err := importFile(t, received, export(t, saved, Options{}), Decisions{}); err != nil {
		t.Fatal(err)
	}
	if names := communityNames(t, received); len(names) != 1 || names[0] != punctName {
		t.Errorf("received by exchange: %q, want %q", names, punctName)
	}
}

func communityNames(t *testing.T, st *data.Store) []string {
	t.Helper()
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}
