package documents

import (
	"strings"
	"testing"

	"jiayuan/data/score"
)

// The 评分表's bonus row states the round's cap (the demo round's 5 points,
// then a cap of 3.5), not a bare 上限; a note the office wrote is kept as is.
func TestScoreSheetBonusNoteNamesCap(t *testing.T) {
	st := demo(t)
	r := roundOf(t, st, 2021)
	if doc := scoreSheetHead(r); doc.BonusNote != "特色突出、获上级表彰等酌情加分，不超过5分" || doc.BonusCap != "5" {
		t.Errorf("bonus note %q cap %q", doc.BonusNote, doc.BonusCap)
	}
	r.BonusCap = score.FromHundredths(350)
	if doc := scoreSheetHead(r); !strings.HasSuffix(doc.BonusNote, "不超过3.5分") {
		t.Errorf("cap 3.5: note %q", doc.BonusNote)
	}
	r.BonusNote = "获区级以上表彰的加2分"
	if doc := scoreSheetHead(r); doc.BonusNote != r.BonusNote {
		t.Errorf("the office's note replaced: %q", doc.BonusNote)
	}
}
