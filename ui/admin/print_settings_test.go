package admin

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"

	"jiayuan/data"
	"jiayuan/reports"
	"jiayuan/ui/documents"
	"jiayuan/ui/widgets"
)

func TestPrintSettingsPanelBuilds(t *testing.T) {
	st := newTestStore(t, true)
	a := newTestApp(t, st)
	s, _ := st.Settings()
	s.CertLayout = documents.CertLayout{PaperW: 260, PaperH: 185, Stock: true, OffsetX: -1.5}.String()
	if err := st.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	if printSettingsPanel(a) == nil {
		t.Fatal("no panel")
	}
}

func TestTemplateValue(t *testing.T) {
	if templateValue(" "+data.DefaultNoticeTemplate+"\n", data.DefaultNoticeTemplate) != "" {
		t.Error("the default template should be stored as empty")
	}
	if v := templateValue("本街道{title}公示。\r\n第二段", data.DefaultNoticeTemplate); v != "本街道{title}公示。\n第二段" {
		t.Errorf("custom template stored as %q", v)
	}
}

// The stock positions: shown to a tenth of a millimetre, read back, checked
// against the paper; the design's own places are recognised as the default.
func TestStockBoxEditor(t *testing.T) {
	newTestApp(t, newTestStore(t, true))
	p := reports.Paper{W: 260, H: 185}
	def := reports.DefaultStockLayout(p)
	ed := newStockBoxEditor()
	ed.set(def)
	got, err := ed.read(p)
	if err != nil {
		t.Fatal(err)
	}
	if !sameBoxes(got, def) {
		t.Errorf("default read back as %+v, want %+v", got, def)
	}
	if sameBoxes(got, reports.DefaultStockLayout(reports.A4Landscape)) {
		t.Error("the 260×185 places equal the A4 ones")
	}
	cases := []struct {
		row, col int
		text     string
		want     string // "" : accepted
	}{
		{0, 0, "52.5", ""},
		{2, 2, "0", ""}, // width 0: the issuer is not printed, wherever it is
		{1, 1, "abc", "“内容”的上边距应为数字"},
		{0, 0, "250", "超出了 260×185 毫米的纸张"},
		{3, 1, "-2", "超出了"},
		{4, 3, "100", "字号应在 6～72 磅之间"},
	}
	for _, c := range cases {
		ed.set(def)
		ed.e[c.row][c.col].SetText(c.text)
		got, err := ed.read(p)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%q in row %d col %d refused: %v", c.text, c.row, c.col, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%q in row %d col %d: err %v, want %q", c.text, c.row, c.col, err, c.want)
		case c.want == "" && sameBoxes(got, def):
			t.Errorf("%q in row %d col %d not taken", c.text, c.row, c.col)
		}
	}
}

// Choosing a font does not move where the other file dialogs start.
func TestFontDialogKeepsLastFolder(t *testing.T) {
	a := newTestApp(t, newTestStore(t, false))
	prefs := a.App().Preferences()
	docs := storage.NewFileURI(t.TempDir()).String()
	prefs.SetString(widgets.LastFolderKey, docs)
	chooseFont(a, reports.RoleBody, func(string) {})
	// Fyne's dialog says 取消 once the program has made its words Chinese (package ui), Cancel before.
	if showsText(a, "取消") {
		tapButton(t, a, "取消")
	} else {
		tapButton(t, a, "Cancel")
	}
	if got := prefs.String(widgets.LastFolderKey); got != docs {
		t.Errorf("after the font dialog the file dialogs start in %s, want %s", got, docs)
	}
}

// The certificate card's date forms and seal-on-stock choice are saved as
// settings, and an explicit choice of Arabic numerals is kept (the layout's
// old default, Arabic, no longer hides it).
func TestCertCardSavesDateFormsAndStockSeal(t *testing.T) {
	newTestApp(t, newTestStore(t, true))                         // a running test app for the widgets
	lay := documents.CertLayout{DateStyle: documents.DateArabic} // an older layout's default
	c := newCertSection(lay, data.Settings{})
	if c.dateStyle.Selected != "二〇二一年十二月十日" {
		t.Errorf("certificates' date form shows %q, want the Chinese form by default", c.dateStyle.Selected)
	}
	if c.listDate.Selected != "2021年12月10日" || !c.stockSeal.Checked {
		t.Errorf("lists' date form %q, seal on stock %v: want Arabic and on", c.listDate.Selected, c.stockSeal.Checked)
	}
	c.dateStyle.SetSelected("2021年12月10日")
	c.listDate.SetSelected("二〇二一年十二月")
	c.stockSeal.SetChecked(false)
	var s data.Settings
	c.apply(&s)
	if s.DateFormCert != data.DateFormArabic || s.DateFormLists != data.DateFormChineseMonth || s.CertStockSeal != "off" {
		t.Fatalf("saved %q, %q, %q", s.DateFormCert, s.DateFormLists, s.CertStockSeal)
	}
	again := newCertSection(lay, s)
	if again.dateStyle.Selected != "2021年12月10日" || again.listDate.Selected != "二〇二一年十二月" || again.stockSeal.Checked {
		t.Errorf("reopened as %q, %q, seal %v", again.dateStyle.Selected, again.listDate.Selected, again.stockSeal.Checked)
	}
}
