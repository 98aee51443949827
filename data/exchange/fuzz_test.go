package exchange

import (
	"os"
	"path/filepath"
	"testing"

	"jiayuan/data"
)

// FuzzReadExchange feeds Read arbitrary bytes as a .jyx file, starting from
// real exchange files made here: a community's file to the office (its
// records, a nomination with an attachment) and the office's file back
// (records, open rounds, the nomination's state). Read must refuse or accept without
// panicking, within the (lowered) limits on what a file may unpack into.
//
//	go test -run '^$' -fuzz FuzzReadExchange -fuzztime 1m -fuzzminimizetime 2s ./data/exchange/
//
// (minimizing each new input within 2 s keeps the fuzzer fuzzing: the
// default minute per input leaves it minimizing most of the time)
func FuzzReadExchange(f *testing.F) {
	office, round := officeWithRound(f)
	comm := communityFromOffice(f, office)
	nominate(f, comm, roundByUUID(f, comm, round.UUID), "南湖尚景小区")
	commFile := export(f, comm, Options{})
	if _, err := importFile(f, office, commFile, Decisions{}); err != nil {
		f.Fatal(err)
	}
	officeFile := export(f, office, Options{Community: "滨江社区"})
	for _, file := range []string{officeFile, commFile} {
		pkg, err := Read(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(pkg.Nominations)+len(pkg.States) == 0 || (file == officeFile && len(pkg.Rounds) == 0) {
			f.Fatalf("seed %s lacks the rounds' parts", file)
		}
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	f.Add([]byte{})
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))

	limits, maxJSON := Limits, MaxJSON
	Limits = data.ArchiveLimits{MaxEntries: 64, MaxEntry: 1 << 20, MaxTotal: 4 << 20}
	MaxJSON = 1 << 20
	f.Cleanup(func() { Limits, MaxJSON = limits, maxJSON })
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(dir, "fuzz.jyx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		pkg, err := Read(path)
		if err != nil {
			return
		}
		// what Read accepts holds together: every UUID well formed and
		// named once, across every kind
		if err := pkg.checkContent(); err != nil {
			t.Errorf("Read accepted a file its own check refuses: %v", err)
		}
		for _, list := range [][]Record{pkg.Records.Communities, pkg.Records.Compounds, pkg.Records.Orgs} {
			for _, r := range list {
				if !reUUID.MatchString(r.UUID) || r.Fields == nil {
					t.Errorf("Read accepted a malformed record %+v", r)
				}
			}
		}
	})
}
