package data

import (
	"strings"
	"testing"
	"unicode"
)

// The demo's nominations were submitted inside their round, before its
// deadline (not on the day the demo was loaded), their snapshots taken then,
// and their 主要做法 and 特色亮点 are different texts.
func TestDemoSubmittedInRound(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	rs, err := st.Rounds()
	if err != nil || len(rs) != 2 {
		t.Fatalf("rounds %d, %v", len(rs), err)
	}
	for _, r := range rs {
		noms, err := st.Nominations(r.ID, NominationFilter{})
		if err != nil || len(noms) == 0 {
			t.Fatalf("%s: %d nominations, %v", r.Label(), len(noms), err)
		}
		opened := Date{r.Year, 9, 1}
		for _, n := range noms {
			day := dayOf(n.SubmittedAt)
			if day < opened.String() || day > r.Deadline.String() {
				t.Errorf("%s %s: submitted %s, want between %s and the deadline %s", r.Label(), n.NomineeName, n.SubmittedAt, opened, r.Deadline)
			}
			snaps, err := st.Snapshots(n.ID)
			if err != nil || len(snaps) == 0 || dayOf(snaps[0].TakenAt) != day {
				t.Errorf("%s %s: snapshots %+v (%v), want one taken on %s", r.Label(), n.NomineeName, snaps, err, day)
			}
			if n.Methods == "" || n.Highlights == "" || n.Methods == n.Highlights {
				t.Errorf("%s %s: 主要做法 %q 特色亮点 %q, want two different texts", r.Label(), n.NomineeName, n.Methods, n.Highlights)
			}
		}
	}
}

// Every demo Party organisation's secretary is a person's name marked as
// demo people are (李华（演示）), and a community committee's secretary is
// the community's.
func TestDemoOrgSecretaries(t *testing.T) {
	st := openTest(t)
	if err := LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range cs {
		orgs, err := st.Orgs(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs {
			n++
			if !demoPerson(o.Secretary) {
				t.Errorf("%s: secretary %q, want a name marked 演示", o.Name, o.Secretary)
			}
			if o.Kind == OrgCommunityCommittee && o.Secretary != c.Secretary {
				t.Errorf("%s: secretary %q, community's %q", o.Name, o.Secretary, c.Secretary)
			}
		}
	}
	if n != 18 {
		t.Errorf("%d organisations, want 18", n)
	}
}

// demoPerson: two or three Han characters followed by the demo mark, as a
// demo community's secretary is stored.
func demoPerson(s string) bool {
	name, ok := strings.CutSuffix(s, "（演示）")
	if !ok {
		name, ok = strings.CutSuffix(s, "(演示)") // as data.Normalize still stores it
	}
	r := []rune(name)
	if !ok || len(r) < 2 || len(r) > 3 {
		return false
	}
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return true
}
