package documents

import (
	"strings"

	"jiayuan/data"
	"jiayuan/reports"
)

// Unprintable lists, one line per record, the characters of the kind's records
// (as their list prints them) that the print fonts chosen in the settings
// cannot draw; nil when all print. An import calls it after saving, to tell
// the clerk at once which records will not print until another font is chosen.
func Unprintable(st *data.Store, kind string) ([]string, error) {
	t, err := RecordsTable(st, kind)
	if err != nil {
		if len(t.Rows) == 0 { // no records: nothing to warn about
			return nil, nil
		}
		return nil, err
	}
	texts := map[string]string{}
	for i, r := range t.Rows {
		if r.Total {
			continue
		}
		label := r.Record
		if label == "" {
			label = "第" + seq(i) + "行"
		}
		texts[label] += strings.Join(r.Cells, " ")
	}
	return UnprintableTexts(st, texts)
}

// UnprintableTexts lists, one line per label of texts (e.g. 社区“滨江社区”),
// the characters the print fonts chosen in the settings cannot draw; nil when
// all print. An exchange import calls it with the records it wrote.
func UnprintableTexts(st *data.Store, texts map[string]string) ([]string, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return nil, err
	}
	bad, err := reports.Unprintable(f, texts)
	if err != nil {
		return nil, err
	}
	return reports.UnprintableLines(bad), nil
}
