package exchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"jiayuan/data"
)

// Status is what an import does with one incoming record.
type Status int

// Statuses of an incoming record.
const (
	Same      Status = iota // equal to ours: nothing to do
	Added                   // new here: added
	Changed                 // changed on their side only: applied
	OursNewer               // changed on our side only: ours kept
	Conflict                // changed on both sides, or first meeting with different values: the clerk decides
	Removed                 // deleted on their side only: moved to the recycle bin here
	Restored                // restored on their side only: brought back from the recycle bin here
	Blocked                 // a deletion or restoration this copy cannot make (see Item.Problem): ours kept
)

// Label is the Chinese name of a status.
func (s Status) Label() string {
	return [...]string{"相同", "新增", "有改动", "本机较新", "冲突", "删除", "恢复", "不能照办"}[s]
}

// Choices for a conflict.
const (
	Theirs = "theirs" // take the file's values
	Ours   = "ours"   // keep this installation's values
)

// Diff is one field that differs, for the side-by-side view.
type Diff struct {
	Field, Label, Ours, Theirs string
}

// Item is one incoming record and what importing it does.
type Item struct {
	Entity    string // data.EntityCommunity, data.EntityCompound, data.EntityOrg
	UUID      string // in the file
	Name      string
	Where     string // the community (and compound) it belongs to, for display
	Status    Status
	Linked    bool   // matched by name, not UUID: linked only when confirmed
	LocalID   int64  // the matched local record, 0 when added
	LocalUUID string // its UUID before linking
	Diffs     []Diff // for Changed, OursNewer and Conflict
	Choice    string // for Conflict: Theirs, Ours or "" (undecided)
	Note      string // what importing does with it, when not obvious (nominations)
	Problem   string // for Blocked: why not, with the records in the way
	// Older marks an item the file holds in a version older than one
	// already taken in from the same copy: left as it is (OursNewer), its
	// Note says so; -prefer theirs does not apply to it.
	Older bool

	rec          Record // incoming, canonical
	digest       string
	oursDeleted  bool      // the matched local record is in the recycle bin
	fieldsDiffer bool      // ours and theirs differ in more than being deleted
	state        *StateRec // the office's state of a nomination (a file from the office)
	in           age       // the sender's version and time of its last change (unknown in older files)
}

// IsState reports whether the item is the office's state of one of this
// community's nominations (a file from the office), not the nomination itself.
func (it *Item) IsState() bool { return it.state != nil }

// Key identifies an item in Decisions.Choices.
func (it *Item) Key() string { return it.Entity + "/" + it.UUID }

// Label names the item for a clerk: 小区“南湖尚景小区”（滨江社区）.
func (it *Item) Label() string {
	l := fmt.Sprintf("%s“%s”", data.EntityLabel(it.Entity), it.Name)
	if it.Where != "" {
		l += "（" + it.Where + "）"
	}
	return l
}

// Plan is the preview of an import.
type Plan struct {
	Manifest Manifest
	Items    []*Item
	Invalid  []string // records that fail validation (the import would be refused)
	// AgeUnknown tells that the file (from an older program) does not say
	// when its records were changed, so an older file cannot be told from a
	// newer one: its records are compared as before.
	AgeUnknown bool

	seen *seenAges // the ages taken in before from the file's sender
}

// Older lists the items left as they are because the file's version is older.
func (p *Plan) Older() []*Item {
	var out []*Item
	for _, it := range p.Items {
		if it.Older {
			out = append(out, it)
		}
	}
	return out
}

// Count counts the items of a status.
func (p *Plan) Count(s Status) int {
	n := 0
	for _, it := range p.Items {
		if it.Status == s {
			n++
		}
	}
	return n
}

// Filter lists the items of a status.
func (p *Plan) Filter(s Status) []*Item {
	var out []*Item
	for _, it := range p.Items {
		if it.Status == s {
			out = append(out, it)
		}
	}
	return out
}

// Links lists the records matched by name, which need the clerk's confirmation.
func (p *Plan) Links() []*Item {
	var out []*Item
	for _, it := range p.Items {
		if it.Linked {
			out = append(out, it)
		}
	}
	return out
}

// WrittenTexts gives, per record the import writes in the file's version
// (added, changed, restored, or a conflict decided for theirs), its label and
// its field values as the file has them, joined by spaces in field order; a
// caller checks them, e.g. for characters the print fonts cannot draw.
// Removals and records without fields are left out.
func (p *Plan) WrittenTexts() map[string]string {
	out := map[string]string{}
	for _, it := range p.Items {
		if !takesTheirs(it) || it.Status == Removed || len(it.rec.Fields) == 0 {
			continue
		}
		keys := make([]string, 0, len(it.rec.Fields))
		for k := range it.rec.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		vals := make([]string, 0, len(keys))
		for _, k := range keys {
			vals = append(vals, it.rec.Fields[k])
		}
		out[it.Label()] += strings.Join(vals, " ")
	}
	return out
}

// NoOp reports whether importing would change nothing.
func (p *Plan) NoOp() bool {
	return p.Count(Added)+p.Count(Changed)+p.Count(Conflict)+p.Count(Removed)+p.Count(Restored) == 0 && len(p.Links()) == 0
}

// AgesToRemember reports whether the file, even with nothing to import
// (NoOp), holds records the same here whose ages are newer than the ones
// taken in: importing it anyway (Apply, which writes no record) remembers
// them, so an older file opened later is still told as older.
func (p *Plan) AgesToRemember() bool { return p.seen.anyNewer(p) }

// Summary is one line: 新增 3，有改动 1，冲突 2，相同 40，本机较新 0
// (then 删除, 恢复, 不能照办 and 按名称对应 when there are any).
func (p *Plan) Summary() string {
	s := fmt.Sprintf("新增 %d，有改动 %d，冲突 %d，相同 %d，本机较新 %d",
		p.Count(Added), p.Count(Changed), p.Count(Conflict), p.Count(Same), p.Count(OursNewer))
	for _, st := range []Status{Removed, Restored, Blocked} {
		if n := p.Count(st); n > 0 {
			s += fmt.Sprintf("，%s %d", st.Label(), n)
		}
	}
	if n := len(p.Links()); n > 0 {
		s += fmt.Sprintf("，按名称对应 %d", n)
	}
	if n := len(p.Older()); n > 0 {
		s += fmt.Sprintf("（其中 %d 条因文件较旧未采用，保持不变）", n)
	}
	if p.AgeUnknown {
		s += "；文件由较早版本的家园生成，未注明各条记录的修改时间，无法判断是否比本机已收到的旧，按双方上次交换后的改动比较"
	}
	return s
}

// Decisions are the clerk's answers to a preview.
type Decisions struct {
	LinkByName bool              // confirm every match by name
	Prefer     string            // Theirs or Ours for every conflict without its own choice; "" stops
	Choices    map[string]string // Item.Key() → Theirs or Ours
	Progress   func(done, total int)

	dry bool // a preview: attachments' files are not unpacked
}

func (d Decisions) choice(it *Item) string {
	if c := d.Choices[it.Key()]; c == Theirs || c == Ours {
		return c
	}
	return d.Prefer
}

// UndecidedError stops an import that needs the clerk: name matches not
// confirmed, conflicts not decided. It lists them.
type UndecidedError struct {
	Links     []*Item
	Conflicts []*Item
}

func (e *UndecidedError) Error() string {
	var parts []string
	if len(e.Links) > 0 {
		var l []string
		for _, it := range e.Links {
			l = append(l, it.Label())
		}
		parts = append(parts, fmt.Sprintf("%d 条记录与本机同名记录按名称对应，需确认是同一单位后才能合并（命令行加 -link-by-name）：%s",
			len(e.Links), joinSome(l)))
	}
	if len(e.Conflicts) > 0 {
		var l []string
		for _, it := range e.Conflicts {
			var fs []string
			for _, d := range it.Diffs {
				fs = append(fs, fmt.Sprintf("%s 本机“%s”／对方“%s”", d.Label, d.Ours, d.Theirs))
			}
			l = append(l, it.Label()+"："+strings.Join(fs, "，"))
		}
		parts = append(parts, fmt.Sprintf("%d 条记录双方都有改动，需逐条决定采用哪一方（命令行加 -prefer theirs 或 -prefer ours）：%s",
			len(e.Conflicts), joinSome(l)))
	}
	return "导入已停止，未作任何改动。" + strings.Join(parts, "。")
}

// Preview works out what importing pkg would do, without changing anything:
// the whole import is tried in a transaction that is rolled back, so records
// that would fail validation are listed in Plan.Invalid.
func Preview(st *data.Store, pkg *Package) (*Plan, error) {
	var p *Plan
	dry := Decisions{LinkByName: true, Prefer: Theirs, dry: true}
	err := st.Write(func(tx *data.Tx) error {
		res, err := apply(tx, pkg, dry)
		p = res.Plan
		if err != nil {
			return err
		}
		return errDryRun
	})
	var inv *InvalidError
	switch {
	case errors.As(err, &inv) && p != nil:
		p.Invalid = inv.Msgs
	case err != nil && !errors.Is(err, errDryRun):
		return nil, err
	}
	for _, it := range p.Items {
		it.Choice = ""
	}
	return p, nil
}

var errDryRun = errors.New("dry run")

// InvalidError refuses an import whose records fail validation.
type InvalidError struct{ Msgs []string }

func (e *InvalidError) Error() string {
	return fmt.Sprintf("%s：%d 条记录未通过检查，未作任何改动：%s", ErrRefused.Error(), len(e.Msgs), joinSome(e.Msgs))
}

func (e *InvalidError) Unwrap() error { return ErrRefused }

// Result tells what an import did.
type Result struct {
	Plan    *Plan
	Written int // records added, changed or linked
}

// Apply imports pkg in one transaction: all of it or nothing. It stops with
// an *UndecidedError when name matches are not confirmed or conflicts not
// decided, and with an *InvalidError when a record fails validation.
func Apply(st *data.Store, pkg *Package, dec Decisions) (Result, error) {
	return ApplyContext(context.Background(), st, pkg, dec)
}

// ApplyContext is Apply with a context.
func ApplyContext(ctx context.Context, st *data.Store, pkg *Package, dec Decisions) (Result, error) {
	var res Result
	pkg.unpacked = nil
	err := st.WriteContext(ctx, func(tx *data.Tx) error {
		var err error
		res, err = apply(tx, pkg, dec)
		return err
	})
	if err != nil {
		// the transaction was rolled back: the attachments it brought go too
		for _, f := range pkg.unpacked {
			os.Remove(f)
		}
	}
	pkg.unpacked = nil
	return res, err
}

// matcher matches the incoming records against the local ones.
type matcher struct {
	loc       *localSet
	p         *Plan
	matched   map[string]*local // incoming UUID → local record (by UUID, alias or name)
	claimed   map[*local]bool
	effective map[string]string // effective UUID of a local record once links are made
	names     map[string]string // incoming UUID → name, for display
}

// plan matches the incoming records against the local ones.
func plan(tx *data.Tx, pkg *Package) (*Plan, error) {
	loc, err := loadLocal(tx.ExchangeSnapshot())
	if err != nil {
		return nil, err
	}
	m := &matcher{loc: loc, p: &Plan{Manifest: pkg.Manifest}, matched: map[string]*local{}, claimed: map[*local]bool{},
		effective: map[string]string{}, names: map[string]string{}}
	for _, e := range entities {
		for _, r := range pkg.Records.list(e) {
			m.names[r.UUID] = r.Fields["name"]
			if l := loc.find(e, r.UUID); l != nil {
				m.matched[r.UUID] = l
				m.claimed[l] = true
			}
		}
	}
	src := source(pkg.Manifest)
	if m.p.seen, err = loadSeen(tx, src); err != nil {
		return nil, err
	}
	for _, e := range entities {
		for _, r := range pkg.Records.ordered(e) {
			if err := m.record(e, r); err != nil {
				return nil, err
			}
		}
	}
	if err := planOthers(tx, pkg, m.p); err != nil {
		return nil, err
	}
	if src == "" {
		for _, it := range m.p.Items {
			if it.LocalID != 0 && !it.IsState() && (isRecord(it) || it.Entity == data.EntityNomination) {
				m.p.AgeUnknown = true
			}
		}
	}
	return m.p, nil
}

// planOthers plans the rounds, nominations and states the file brings.
func planOthers(tx *data.Tx, pkg *Package, p *Plan) error {
	if len(pkg.Rounds) > 0 && pkg.Manifest.Sender.Role != data.RoleOffice {
		return refused("只有街道办事处发出的文件可以带评选活动")
	}
	if len(pkg.Nominations) > 0 && tx.Setting("role") != data.RoleOffice {
		return refused("文件中有 %d 份申报，只有街道办事处的家园可以接收申报", len(pkg.Nominations))
	}
	if err := planRounds(tx, pkg, p); err != nil {
		return err
	}
	return planStates(tx, pkg, p)
}

// parentID is the local id of the record an incoming reference names: 0
// for none, -1 for a new or unknown one.
func (m *matcher) parentID(entity, uuid string) int64 {
	if uuid == "" {
		return 0
	}
	if l, ok := m.matched[uuid]; ok {
		return l.id
	}
	if l := m.loc.find(entity, uuid); l != nil {
		return l.id
	}
	return -1
}

// record plans one incoming record of entity e.
func (m *matcher) record(e string, r Record) error {
	it := &Item{Entity: e, UUID: r.UUID, Name: r.Fields["name"], in: parseAge(r.Rev, r.ChangedAt)}
	var err error
	if it.rec, err = canonical(e, r); err != nil {
		return refused("%s：%v", it.Label(), err)
	}
	it.Name = it.rec.Fields["name"]
	it.digest = digest(it.rec)
	it.Where = where(r, m.names, m.loc)
	l := m.matched[r.UUID]
	if l == nil && r.Deleted {
		return nil // deleted there, never had here: nothing to do
	}
	if l == nil {
		l = m.byName(e, r, it)
	}
	if l == nil {
		it.Status = Added
		m.p.Items = append(m.p.Items, it)
		return nil
	}
	m.compare(e, r, it, l)
	m.p.Items = append(m.p.Items, it)
	return nil
}

// byName links an incoming record to an unclaimed local one of the same
// name within the same parent, or returns nil.
func (m *matcher) byName(e string, r Record, it *Item) *local {
	cid, pid := m.parentID(data.EntityCommunity, r.Community), m.parentID(data.EntityOrg, r.Parent)
	for _, c := range m.loc.list[e] {
		if m.claimed[c] || c.name != it.Name {
			continue
		}
		ok := false
		switch e {
		case data.EntityCommunity:
			ok = true
		case data.EntityCompound:
			ok = cid > 0 && c.communityID == cid
		case data.EntityOrg:
			ok = cid > 0 && c.communityID == cid && pid >= 0 && c.parentID == pid
		}
		if ok {
			it.Linked = true
			m.matched[r.UUID] = c
			m.claimed[c] = true
			m.effective[c.rec.UUID] = r.UUID
			return c
		}
	}
	return nil
}

// compare sets the status of an incoming record matched to the local l:
// the same, changed there, changed here, or both (a conflict).
func (m *matcher) compare(e string, r Record, it *Item, l *local) {
	it.LocalID, it.LocalUUID = l.id, l.rec.UUID
	ours := l.rec
	ours.UUID = r.UUID
	ours.Community = eff(m.effective, ours.Community)
	ours.Compound = eff(m.effective, ours.Compound)
	ours.Parent = eff(m.effective, ours.Parent)
	od := digest(ours)
	base, hasBase := m.loc.base[e][r.UUID]
	if !hasBase && l.rec.UUID != r.UUID {
		base, hasBase = m.loc.base[e][l.rec.UUID]
	}
	it.oursDeleted = ours.Deleted
	switch {
	case od == it.digest || (ours.Deleted && it.rec.Deleted):
		// a record deleted on both sides is the same whatever its
		// fields: the recycle bin's copies are not edited
		it.Status = Same
	case (hasBase && od == base) || (r.Base != "" && od == r.Base):
		it.Status = Changed
	case (hasBase && it.digest == base) || (r.Base != "" && it.digest == r.Base):
		it.Status = OursNewer
	default:
		it.Status = Conflict
	}
	if it.Status == Changed && ours.Deleted != it.rec.Deleted {
		it.Status = Restored
		if it.rec.Deleted {
			it.Status = Removed
		}
	}
	m.p.seen.markOlder(it)
	lo, lt := ours, it.rec
	lo.Deleted, lt.Deleted = false, false
	it.fieldsDiffer = digest(lo) != digest(lt)
	if it.Status != Same {
		it.Diffs = diffs(e, ours, it.rec, m.names, m.loc)
	}
}

func eff(m map[string]string, uuid string) string {
	if v, ok := m[uuid]; ok {
		return v
	}
	return uuid
}

// canonical renders an incoming record through the local record type, so it
// compares equal to a local record holding the same values.
func canonical(entity string, r Record) (Record, error) {
	out := r
	rec := newRecord(entity)
	if err := setFields(rec, r.Fields); err != nil {
		return out, err
	}
	out.Fields = fieldsOf(rec)
	out.UpdatedAt = ""
	return out, nil
}

func newRecord(entity string) any {
	switch entity {
	case data.EntityCommunity:
		return &data.Community{}
	case data.EntityCompound:
		return &data.Compound{}
	}
	return &data.Org{}
}

func where(r Record, names map[string]string, loc *localSet) string {
	name := func(entity, uuid string) string {
		if n, ok := names[uuid]; ok {
			return n
		}
		if l := loc.find(entity, uuid); l != nil {
			return l.name
		}
		return ""
	}
	var parts []string
	if n := name(data.EntityCommunity, r.Community); n != "" {
		parts = append(parts, n)
	}
	if n := name(data.EntityCompound, r.Compound); n != "" {
		parts = append(parts, n)
	}
	if n := name(data.EntityOrg, r.Parent); n != "" {
		parts = append(parts, "上级 "+n)
	}
	return strings.Join(parts, "，")
}

func diffs(entity string, ours, theirs Record, names map[string]string, loc *localSet) []Diff {
	lab := labels(newRecord(entity))
	keys := map[string]bool{}
	for k := range ours.Fields {
		keys[k] = true
	}
	for k := range theirs.Fields {
		keys[k] = true
	}
	var ks []string
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	var out []Diff
	if ours.Deleted != theirs.Deleted {
		out = append(out, Diff{Field: "deleted", Label: "状态", Ours: liveText(ours.Deleted), Theirs: liveText(theirs.Deleted)})
	}
	for _, k := range ks {
		if ours.Fields[k] != theirs.Fields[k] {
			l := lab[k]
			if l == "" {
				l = k
			}
			out = append(out, Diff{Field: k, Label: l, Ours: show(ours.Fields[k]), Theirs: show(theirs.Fields[k])})
		}
	}
	ref := func(label, entity, a, b string) {
		if a == b {
			return
		}
		n := func(u string) string {
			if v, ok := names[u]; ok {
				return v
			}
			if l := loc.find(entity, u); l != nil {
				return l.name
			}
			return u
		}
		out = append(out, Diff{Field: label, Label: label, Ours: n(a), Theirs: n(b)})
	}
	ref("所属社区", data.EntityCommunity, ours.Community, theirs.Community)
	ref("所在小区", data.EntityCompound, ours.Compound, theirs.Compound)
	ref("上级组织", data.EntityOrg, ours.Parent, theirs.Parent)
	return out
}

func liveText(deleted bool) string {
	if deleted {
		return "已删除（在回收站）"
	}
	return "在用"
}

// show turns a stored value into what a clerk reads (~140000 → 14万余).
func show(v string) string {
	if strings.HasPrefix(v, "~") {
		var c data.Count
		if c.Scan(v) == nil {
			return c.String()
		}
	}
	return v
}

func (r Records) list(entity string) []Record {
	switch entity {
	case data.EntityCommunity:
		return r.Communities
	case data.EntityCompound:
		return r.Compounds
	}
	return r.Orgs
}

// ordered lists the records of an entity with every organisation after its
// parent (when the parent is in the file too).
func (r Records) ordered(entity string) []Record {
	list := r.list(entity)
	if entity != data.EntityOrg {
		return list
	}
	in := map[string]bool{}
	for _, o := range list {
		in[o.UUID] = true
	}
	done := map[string]bool{}
	var out []Record
	for len(out) < len(list) {
		progress := false
		for _, o := range list {
			if done[o.UUID] {
				continue
			}
			if o.Parent == "" || !in[o.Parent] || done[o.Parent] {
				out = append(out, o)
				done[o.UUID] = true
				progress = true
			}
		}
		if !progress { // a cycle: keep the rest in file order; validation refuses them
			for _, o := range list {
				if !done[o.UUID] {
					out = append(out, o)
					done[o.UUID] = true
				}
			}
		}
	}
	return out
}

// applier carries one import through its steps inside the transaction.
type applier struct {
	tx        *data.Tx
	pkg       *Package
	dec       Decisions
	p         *Plan
	res       Result
	ids       map[string]map[string]int64 // entity → UUID → local id, as written
	invalid   []string
	why       string // the reason written with deletions and restorations
	deletions []*Item
	pending   map[*Item]bool // deletions refused in the first pass
}

// apply performs the import inside tx.
func apply(tx *data.Tx, pkg *Package, dec Decisions) (Result, error) {
	if err := checkAddressee(tx, pkg); err != nil {
		return Result{}, err
	}
	p, err := plan(tx, pkg)
	if err != nil {
		return Result{}, err
	}
	a := &applier{tx: tx, pkg: pkg, dec: dec, p: p, res: Result{Plan: p}, ids: map[string]map[string]int64{},
		pending: map[*Item]bool{}, why: fmt.Sprintf("交换文件 %s（来自 %s）", filepath.Base(pkg.Path), pkg.Manifest.Sender.Label())}
	if und := a.undecided(); und != nil {
		return a.res, und
	}
	for _, e := range entities {
		a.ids[e] = map[string]int64{}
	}
	for _, it := range p.Items {
		if it.rec.Deleted && takesTheirs(it) && isRecord(it) {
			a.deletions = append(a.deletions, it)
		}
	}
	if err := a.run(); err != nil {
		return a.res, err
	}
	return a.res, a.finish()
}

// run writes the plan: deletions first (so a name is free for a new record
// that takes it), then every item, then the deletions refused at first,
// since the file may have moved their dependents away.
func (a *applier) run() error {
	if err := a.deleteAll(false); err != nil {
		return err
	}
	total := len(a.p.Items)
	for i, it := range a.p.Items {
		if a.dec.Progress != nil {
			a.dec.Progress(i, total)
		}
		if err := a.item(it); err != nil {
			return err
		}
	}
	if err := a.deleteAll(true); err != nil {
		return err
	}
	if err := rememberAges(a.tx, a.p); err != nil {
		return err
	}
	if a.dec.Progress != nil {
		a.dec.Progress(total, total)
	}
	return nil
}

// finish refuses the import when a record failed its checks, else records it in the audit trail.
func (a *applier) finish() error {
	if len(a.invalid) > 0 {
		return &InvalidError{Msgs: a.invalid}
	}
	if a.res.Written == 0 {
		return nil
	}
	reason := fmt.Sprintf("交换文件 %s（来自 %s，%s）", filepath.Base(a.pkg.Path), a.pkg.Manifest.Sender.Label(), a.p.Summary())
	return a.tx.Audit(data.EntityExchange, 0, "", a.pkg.Manifest.Sender.Label(), "import", reason, nil)
}

// undecided lists the name matches not confirmed and the conflicts not decided.
func (a *applier) undecided() *UndecidedError {
	und := &UndecidedError{}
	for _, it := range a.p.Items {
		if it.Linked && !a.dec.LinkByName {
			und.Links = append(und.Links, it)
		}
		if it.Status == Conflict {
			it.Choice = a.dec.choice(it)
			if it.Choice == "" {
				und.Conflicts = append(und.Conflicts, it)
			}
		}
	}
	if len(und.Links)+len(und.Conflicts) > 0 {
		return und
	}
	return nil
}

// resolve is the local id of the live record of entity with that UUID (or
// alias), written by this import or already here; nil for "".
func (a *applier) resolve(entity, uuid string) (*int64, error) {
	if uuid == "" {
		return nil, nil
	}
	if id, ok := a.ids[entity][uuid]; ok {
		return &id, nil
	}
	id, err := a.tx.LiveIDByUUID(entity, uuid)
	if err != nil {
		for _, it := range a.p.Items {
			if it.Entity == entity && it.UUID == uuid {
				// in the file, but refused itself (listed on its own)
				return nil, fmt.Errorf("引用的%s“%s”未能导入", data.EntityLabel(entity), it.Name)
			}
		}
		return nil, fmt.Errorf("引用的%s不在本机也不在文件中", data.EntityLabel(entity))
	}
	return &id, nil
}

// block keeps ours when a deletion or restoration is refused by the
// store's rules; it is listed, and asked again by the next import.
func (a *applier) block(it *Item, err error) {
	it.Problem = err.Error()
	if it.Status != Conflict || !a.dec.dry {
		it.Status = Blocked
	}
}

// deleteAll deletes through the store's Delete, children before their
// parents (the items list parents first). In the last pass it retries
// those refused in the first, and blocks those refused again.
func (a *applier) deleteAll(last bool) error {
	for i := len(a.deletions) - 1; i >= 0; i-- {
		it := a.deletions[i]
		if last && !a.pending[it] {
			continue
		}
		err := a.tx.DeleteWithReason(it.Entity, it.LocalID, a.why)
		var de *data.DependentsError
		if errors.As(err, &de) {
			if last {
				a.block(it, err)
			} else {
				a.pending[it] = true
			}
			continue
		}
		if err != nil {
			return err
		}
		delete(a.pending, it)
		a.res.Written++
		if err := setBase(a.tx, it); err != nil {
			return err
		}
	}
	return nil
}

// item writes one item of the plan.
func (a *applier) item(it *Item) error {
	if it.Linked {
		if err := link(a.tx, it); err != nil {
			return err
		}
		a.res.Written++
	}
	switch {
	case it.state != nil:
		return a.listed(applyState(a.tx, a.pkg, it))
	case it.Entity == data.EntityRound || it.Entity == data.EntityNomination:
		return a.roundItem(it)
	}
	return a.recordItem(it)
}

// listed counts a write, or lists an item refused by its rules (*itemError).
func (a *applier) listed(wrote bool, err error) error {
	var ie *itemError
	if errors.As(err, &ie) {
		a.invalid = append(a.invalid, ie.Error())
		return nil
	}
	if err == nil && wrote {
		a.res.Written++
	}
	return err
}

// roundItem writes a round or a nomination the plan adds or changes.
func (a *applier) roundItem(it *Item) error {
	if it.Entity == data.EntityNomination && it.Status == Same {
		if err := rememberSentVersion(a.tx, a.pkg, it.UUID); err != nil {
			return err
		}
	}
	if it.Status != Added && it.Status != Changed {
		return nil
	}
	var err error
	if it.Entity == data.EntityRound {
		err = applyRound(a.tx, a.pkg, it)
	} else if err = applyNomination(a.tx, a.pkg, it, a.resolve, a.dec.dry); err == nil {
		err = rememberSentVersion(a.tx, a.pkg, it.UUID)
	}
	return a.listed(true, err)
}

// recordItem writes a community, compound or organisation: restored when
// the file restores it, saved when added or changed, its base remembered.
func (a *applier) recordItem(it *Item) error {
	if it.LocalID != 0 {
		a.ids[it.Entity][it.UUID] = it.LocalID
	}
	if !takesTheirs(it) {
		if it.Older {
			return nil // the base stays the newer version taken in
		}
		return setBase(a.tx, it)
	}
	if it.rec.Deleted {
		return nil // deleted above or below
	}
	if it.oursDeleted {
		if err := a.tx.Restore(it.Entity, it.LocalID, a.why); err != nil {
			if !refusedByRules(err) {
				return err
			}
			a.block(it, err)
			return nil
		}
	}
	if it.LocalID == 0 || it.fieldsDiffer {
		id, err := save(a.tx, it, a.resolve)
		if err != nil {
			if msg, ok := invalidRecord(it, err); ok {
				a.invalid = append(a.invalid, msg)
				return nil
			}
			return err
		}
		a.ids[it.Entity][it.UUID] = id
	}
	a.res.Written++
	return setBase(a.tx, it)
}

// invalidRecord is the message listing a record the store's rules refused
// (ok false for a failure of the database).
func invalidRecord(it *Item, err error) (string, bool) {
	var ve *data.ValidationError
	if !errors.As(err, &ve) && !strings.HasPrefix(err.Error(), "引用的") && !strings.Contains(err.Error(), "无效") {
		return "", false
	}
	msg := err.Error()
	// the store's own messages already name the record
	if !strings.HasPrefix(msg, fmt.Sprintf("%s“%s”", data.EntityLabel(it.Entity), it.Name)) {
		msg = it.Label() + "：" + msg
	}
	return msg, true
}

// takesTheirs reports whether the import writes the incoming version of an item.
func takesTheirs(it *Item) bool {
	return it.Status == Added || it.Status == Changed || it.Status == Removed || it.Status == Restored ||
		(it.Status == Conflict && it.Choice == Theirs)
}

func isRecord(it *Item) bool {
	return it.Entity == data.EntityCommunity || it.Entity == data.EntityCompound || it.Entity == data.EntityOrg
}

// refusedByRules tells the store's refusals of a restoration (its parent
// deleted, its name taken) from failures of the database.
func refusedByRules(err error) bool {
	m := err.Error()
	return strings.Contains(m, "请先恢复它") || strings.Contains(m, "已有同名的记录")
}

// link gives the local record the sender's UUID, keeping the old one as an alias.
func link(tx *data.Tx, it *Item) error {
	return tx.AdoptUUID(it.Entity, it.LocalID, it.Label(), it.Name, it.LocalUUID, it.UUID)
}

// save writes an added or changed record through the store's own save
// functions (validation and audit) and returns its id.
func save(tx *data.Tx, it *Item, resolve func(entity, uuid string) (*int64, error)) (int64, error) {
	rec := newRecord(it.Entity)
	if err := setFields(rec, it.rec.Fields); err != nil {
		return 0, err
	}
	switch r := rec.(type) {
	case *data.Community:
		r.ID, r.UUID = it.LocalID, it.UUID
		err := tx.SaveCommunity(r)
		return r.ID, err
	case *data.Compound:
		r.ID, r.UUID = it.LocalID, it.UUID
		c, err := resolve(data.EntityCommunity, it.rec.Community)
		if err != nil {
			return 0, err
		}
		r.CommunityID = *c
		err = tx.SaveCompound(r)
		return r.ID, err
	case *data.Org:
		r.ID, r.UUID = it.LocalID, it.UUID
		c, err := resolve(data.EntityCommunity, it.rec.Community)
		if err != nil {
			return 0, err
		}
		r.CommunityID = *c
		if r.CompoundID, err = resolve(data.EntityCompound, it.rec.Compound); err != nil {
			return 0, err
		}
		if r.ParentID, err = resolve(data.EntityOrg, it.rec.Parent); err != nil {
			return 0, err
		}
		err = tx.SaveOrg(r)
		return r.ID, err
	}
	return 0, fmt.Errorf("exchange: unknown record type %T", rec)
}

// setBase records the incoming version as the one last received.
func setBase(tx *data.Tx, it *Item) error {
	if cur, _ := tx.ExchangeBase(it.Entity, it.UUID); cur == it.digest {
		return nil
	}
	return tx.SetExchangeBase(it.Entity, it.UUID, it.digest)
}

// checkAddressee refuses, on a community's copy, the office's file made for
// another community (the office sent the wrong file, or the clerk opened
// one meant for a neighbour): taking it in would copy that community's
// records, phones included, into this copy. The file is this community's
// when it holds this copy's own community (by UUID, or by name before the
// two copies first met).
func checkAddressee(tx *data.Tx, pkg *Package) error {
	m := pkg.Manifest
	if m.Sender.Role != data.RoleOffice || m.Scope == "" {
		return nil
	}
	role, own := tx.Setting("role"), tx.Setting("community_uuid")
	if role != data.RoleCommunity || own == "" {
		return nil
	}
	for _, c := range pkg.Records.Communities {
		if c.UUID == own {
			return nil
		}
	}
	name, ok := tx.CommunityNameByUUID(own)
	if !ok {
		return nil // the copy's own community is not recorded yet: nothing to compare
	}
	if data.NormalizeCode(m.Scope) == data.NormalizeCode(name) {
		return nil
	}
	return refused("这个文件是%s发给“%s”的，本机是“%s”的家园，请向街道办事处要本社区的文件", m.Sender.Label(), m.Scope, name)
}
