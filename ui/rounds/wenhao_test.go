package rounds

import (
	"strings"
	"testing"
	"time"

	"jiayuan/data"
)

// The naming tab's status names the 文号 the decision was issued under.
func TestIssuedTextNamesWenhao(t *testing.T) {
	st := newTestStore(t, true)
	rs, err := st.RoundSummaries()
	if err != nil {
		t.Fatal(err)
	}
	id := rs[1].ID
	if got := issuedText(st, id); got != "" {
		t.Errorf("before issuing: %q", got)
	}
	if _, err := st.IssueWenhao(id, data.DocDecision, "华阳街道党工委发〔2021〕12号", time.Date(2021, 12, 10, 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	if got := issuedText(st, id); !strings.Contains(got, "命名决定发文字号：华阳街道党工委发〔2021〕12号") || !strings.Contains(got, "2021-12-10") {
		t.Errorf("after issuing: %q", got)
	}
}
