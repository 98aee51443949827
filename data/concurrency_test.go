package data

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// openSecond is a second clerk's client on st's data: another connection to
// the same server database, or the same data folder opened again.
func openSecond(t *testing.T, st *Store, operator string) *Store {
	t.Helper()
	var (
		o   *Store
		err error
	)
	if st.IsServer() {
		o, err = OpenServer(st.url, t.TempDir())
	} else {
		o, err = Open(st.Dir())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { o.Close() })
	o.Operator = operator
	o.SetClock(func() time.Time { return time.Date(2026, 11, 26, 10, 42, 0, 0, time.Local) })
	return o
}

// Two clerks open the same community; the first saves; the second's save,
// made from the version they opened, is refused with who and when, and the
// first clerk's change stays. After reloading, the second clerk can save.
func TestStaleSaveRefusedWithWhoAndWhen(t *testing.T) {
	a := openTest(t)
	c := mustCommunity(t, a, "滨江社区")
	b := openSecond(t, a, "王芳")
	mine, err := a.Community(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := b.Community(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	theirs.Address = "滨江路 1 号"
	if err := b.SaveCommunity(&theirs); err != nil {
		t.Fatal(err)
	}
	mine.Address = "滨江路 2 号"
	mine.Notes = "我的备注"
	err = a.SaveCommunity(&mine)
	var ce *ConflictError
	if !errors.As(err, &ce) {
		t.Fatalf("stale save: err = %v, want *ConflictError", err)
	}
	for _, w := range []string{"滨江社区", "王芳", "10:42"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q lacks %q", err, w)
		}
	}
	if len(ce.Changes) != 2 {
		t.Errorf("changes = %+v, want address and notes", ce.Changes)
	}
	got, _ := a.Community(c.ID)
	if got.Address != "滨江路 1 号" || got.Notes != "" {
		t.Fatalf("stored after a refused save: %q %q", got.Address, got.Notes)
	}
	// Keep mine, on top of theirs: reload, apply, save.
	got.Address, got.Notes = mine.Address, mine.Notes
	if err := a.SaveCommunity(&got); err != nil {
		t.Fatalf("save after reload: %v", err)
	}
	if got.Version != 3 {
		t.Errorf("version after two saves = %d, want 3", got.Version)
	}
	// The saved record can be saved again (its version followed).
	got.Notes = "再改一次"
	if err := a.SaveCommunity(&got); err != nil {
		t.Fatalf("second save of the same form: %v", err)
	}
}

// Two clerks name the same round at once: one names it, the other is
// refused, and every certificate number is issued once.
func TestTwoNamingsAtOnce(t *testing.T) {
	f := newRoundFixture(t, 1)
	a := f.nominate(t, "滨江社区")
	c := f.nominate(t, "南湖尚景小区")
	for i, n := range []*Nomination{a, c} {
		f.toReviewing(t, n.ID)
		f.score(t, n.ID, 0, []string{"90", "86"}[i])
	}
	f.setClock(2021, 9, 27)
	if err := f.st.Decide(f.r.ID, []int64{a.ID, c.ID}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.StartNotice(f.r.ID, Date{2021, 9, 28}); err != nil {
		t.Fatal(err)
	}
	f.setClock(2021, 10, 11)
	other := openSecond(t, f.st, "王芳")
	other.SetClock(f.st.Now)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, st := range []*Store{f.st, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.NameAll(f.r.ID, "")
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		}
	}
	if ok != 1 {
		t.Fatalf("namings that succeeded: %d (errors %v), want exactly 1", ok, errs)
	}
	named, err := f.st.Named(f.r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(named) != 2 {
		t.Fatalf("named %d, want 2", len(named))
	}
	var certs int
	if err := f.st.db.Get(&certs, `SELECT COUNT(*) FROM certificates`); err != nil || certs != 2 {
		t.Fatalf("certificates issued: %d, %v; want 2", certs, err)
	}
}

// Ten clients edit the same communities at once, each opening a record and
// saving a change, many from stale versions. Every save that succeeded is
// in the audit trail once, every refused one changed nothing, and the
// stored values are the last successful saves.
func TestTenClientsMixedEdits(t *testing.T) {
	const clients = 10
	edits := 1000
	if !testing.Short() && pgCluster == nil {
		edits = 200 // one file, one writer at a time: the same test, fewer rounds
	}
	if testing.Short() {
		edits = 50
	}
	first := openTest(t)
	var ids []int64
	for i := 0; i < 8; i++ {
		ids = append(ids, mustCommunity(t, first, fmt.Sprintf("第%d社区", i+1)).ID)
	}
	before := auditCount(t, first)
	var (
		wg               sync.WaitGroup
		mu               sync.Mutex
		saved, conflicts int
		created          int
	)
	for k := 0; k < clients; k++ {
		st := openSecond(t, first, fmt.Sprintf("操作员%d", k))
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			rng := rand.New(rand.NewSource(int64(k)))
			for i := 0; i < edits; i++ {
				switch rng.Intn(10) {
				case 0: // a new compound
					x := Compound{CommunityID: ids[rng.Intn(len(ids))], Name: fmt.Sprintf("客户%d小区%d", k, i)}
					if err := st.SaveCompound(&x); err != nil {
						t.Errorf("client %d: new compound: %v", k, err)
						return
					}
					mu.Lock()
					created++
					mu.Unlock()
				default: // open a record, change it, save
					c, err := st.Community(ids[rng.Intn(len(ids))])
					if err != nil {
						t.Errorf("client %d: read: %v", k, err)
						return
					}
					c.Notes = fmt.Sprintf("客户%d第%d次", k, i)
					err = st.SaveCommunity(&c)
					var ce *ConflictError
					mu.Lock()
					switch {
					case err == nil:
						saved++
					case errors.As(err, &ce):
						conflicts++
					default:
						mu.Unlock()
						t.Errorf("client %d: save: %v", k, err)
						return
					}
					mu.Unlock()
				}
			}
		}(k)
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if saved+conflicts+created != clients*edits {
		t.Fatalf("accounted %d+%d+%d, want %d", saved, conflicts, created, clients*edits)
	}
	if got := auditCount(t, first) - before; got != saved+created {
		t.Fatalf("audit rows %d, want %d saves + %d creations", got, saved, created)
	}
	// The stored notes are each record's last audited change.
	for _, id := range ids {
		c, _ := first.Community(id)
		var last string
		first.db.Get(&last, `SELECT changes FROM audit WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1`, EntityCommunity, id)
		if c.Notes != "" && !strings.Contains(last, c.Notes) {
			t.Fatalf("community %d holds %q, its last audited change is %s", id, c.Notes, last)
		}
	}
	t.Logf("%d saved, %d refused as stale, %d created", saved, conflicts, created)
}

// Hostile text in every text field round-trips exactly on both stores:
// quotes, SQL, placeholders, backslashes, LIKE wildcards and characters
// outside the BMP. A NUL is refused by name, and nothing is saved.
func TestHostileTextRoundTrips(t *testing.T) {
	st := openTest(t)
	hostile := []string{
		`'; DROP TABLE communities; --`, `"双引号" 'single'`, `? ?1 $1 :name`, `C:\路径\文件`, `100% _下划线_`,
		"𠀀𠮷𩸽😀", `O'Brien's "社区"`,
	}
	for i, h := range hostile {
		// every text field of the record at once (a phone or code field that
		// its rules refuse such text for keeps a plain value)
		c := Community{}
		rv := reflect.ValueOf(&c).Elem()
		for j := 0; j < rv.NumField(); j++ {
			if f := rv.Type().Field(j); f.Type.Kind() == reflect.String && f.Tag.Get("zh") != "" {
				rv.Field(j).SetString(h)
			}
		}
		c.Name = fmt.Sprintf("社区%d%s", i, h)
		c.DivisionCode, c.SecretaryPhone, c.DirectorPhone, c.Area = "", "", "", ""
		if err := st.SaveCommunity(&c); err != nil {
			t.Fatalf("save %q: %v", h, err)
		}
		got, err := st.Community(c.ID)
		if err != nil {
			t.Fatal(err)
		}
		got.Version, c.Version = 0, 0
		if !reflect.DeepEqual(got, c) {
			t.Fatalf("round trip of %q:\n got %+v\nwant %+v", h, got, c)
		}
	}
	n := len(mustList(t, st))
	bad := Community{Name: "空字符社区", Notes: "前\x00后"}
	err := st.SaveCommunity(&bad)
	if err == nil || !strings.Contains(err.Error(), "U+0000") {
		t.Fatalf("NUL saved or not named: %v", err)
	}
	if len(mustList(t, st)) != n {
		t.Fatal("a refused record was saved")
	}
	var tables int
	if err := st.db.Get(&tables, `SELECT COUNT(*) FROM communities`); err != nil || tables != n {
		t.Fatalf("communities table after hostile text: %d, %v", tables, err)
	}
}

func mustList(t *testing.T, st *Store) []Community {
	t.Helper()
	cs, err := st.Communities()
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// Another client's save wakes a watcher within a couple of seconds; the
// watcher's own store's saves do not.
func TestWatchChangesSeesOtherClients(t *testing.T) {
	a := openTest(t)
	c := mustCommunity(t, a, "滨江社区")
	b := openSecond(t, a, "王芳")
	woke := make(chan struct{}, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a.WatchChanges(ctx, func() { woke <- struct{}{} })
	time.Sleep(1500 * time.Millisecond) // the watcher is listening
	own, _ := a.Community(c.ID)
	own.Notes = "自己改的"
	if err := a.SaveCommunity(&own); err != nil {
		t.Fatal(err)
	}
	select {
	case <-woke:
		t.Fatal("woken by its own save")
	case <-time.After(2500 * time.Millisecond):
	}
	theirs, _ := b.Community(c.ID)
	theirs.Notes = "别人改的"
	if err := b.SaveCommunity(&theirs); err != nil {
		t.Fatal(err)
	}
	select {
	case <-woke:
	case <-time.After(5 * time.Second):
		t.Fatal("another client's save did not wake the watcher")
	}
}

// A 申报 draft and a round's settings, opened by two clerks: the second
// save, made from what was opened before the first, is refused with who
// and when, and the first clerk's change stays.
func TestStaleDraftAndRoundSettingsRefused(t *testing.T) {
	f := newRoundFixture(t, 1)
	f.setClock(2021, 9, 1)
	n := f.nominate(t, "滨江社区")
	other := openSecond(t, f.st, "王芳") // its clock: 2026-11-26 10:42

	mine, _ := f.st.Nomination(n.ID)
	theirs, _ := other.Nomination(n.ID)
	theirs.Highlights = "王芳改的亮点"
	if err := other.SaveNomination(&theirs); err != nil {
		t.Fatal(err)
	}
	mine.Methods = "我改的做法"
	err := f.st.SaveNomination(&mine)
	var ce *ConflictError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "王芳") {
		t.Fatalf("stale draft save: %v", err)
	}
	if got, _ := f.st.Nomination(n.ID); got.Highlights != "王芳改的亮点" || got.Methods == "我改的做法" {
		t.Fatalf("stored after a refused save: %q / %q", got.Highlights, got.Methods)
	}
	again, _ := f.st.Nomination(n.ID)
	again.Methods = "我改的做法"
	if err := f.st.SaveNomination(&again); err != nil {
		t.Fatalf("save after reloading: %v", err)
	}

	r, _ := f.st.Round(f.r.ID)
	r2, _ := other.Round(f.r.ID)
	r2.Notes = "王芳的备注"
	if err := other.SaveRound(&r2); err != nil {
		t.Fatal(err)
	}
	r.Organizer = "我改的主办单位"
	if err := f.st.SaveRound(&r); !errors.As(err, &ce) {
		t.Fatalf("stale round save: %v", err)
	}
	if got, _ := f.st.Round(f.r.ID); got.Notes != "王芳的备注" || got.Organizer == "我改的主办单位" {
		t.Fatalf("round after a refused save: %+v", got)
	}
}
