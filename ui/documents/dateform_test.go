package documents

import (
	"testing"

	"jiayuan/data"
	"jiayuan/reports"
)

// Certificates write their date in Chinese unless 设置 says otherwise; the seal
// setting for stock reaches the batch; lists follow their own date setting.
func TestCertDateFormAndStockSeal(t *testing.T) {
	st := demo(t)
	r := roundOf(t, st, 2021)
	b, _, err := CertBatch(st, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.DateStyle != reports.DateChinese || b.NoSealOnStock {
		t.Errorf("defaults: date style %v, no seal on stock %v; want Chinese date and the seal", b.DateStyle, b.NoSealOnStock)
	}
	s, err := st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	s.DateFormCert, s.CertStockSeal, s.DateFormLists = data.DateFormArabic, "off", data.DateFormChinese
	if err := st.SaveSettings(s); err != nil {
		t.Fatal(err)
	}
	if b, _, err = CertBatch(st, r.ID); err != nil {
		t.Fatal(err)
	}
	if b.DateStyle != reports.DateArabic || !b.NoSealOnStock {
		t.Errorf("set: date style %v, no seal on stock %v", b.DateStyle, b.NoSealOnStock)
	}
	tb, err := RecordsTable(st, KindCommunities)
	if err != nil {
		t.Fatal(err)
	}
	if tb.DateStyle != reports.DateChinese {
		t.Errorf("list date style %v", tb.DateStyle)
	}
	// An older layout that chose a Chinese form keeps it while 设置 has none.
	if got := certDateStyle(data.Settings{}, CertLayout{DateStyle: DateChineseMonth}); got != reports.DateChineseMonth {
		t.Errorf("older layout's choice lost: %v", got)
	}
}
