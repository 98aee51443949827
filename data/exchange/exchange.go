// Package exchange writes and reads exchange files (.jyx): the records a
// community sends to the office, and the office's records sent back.
//
// An exchange file is a zip holding manifest.json (format name and version,
// the sender, the time, and the size and SHA-256 of every other entry) and
// records.json (communities, compounds and Party organisations, each with its
// UUID, its parents' UUIDs and its fields in their stored form).
//
// Import rules (see Preview and Apply):
//   - Records are matched by UUID (also through the aliases left by earlier
//     links). A record with no UUID match is matched by name within its parent
//     (community by name; compound by name within its community; organisation by
//     name within its community and parent organisation). Such a match is only
//     linked when the clerk confirms it (-link-by-name); linking gives the local
//     record the sender's UUID, keeps the old UUID as an alias, and updates the
//     installation's own community UUID if it was that record, so both copies
//     share one UUID from then on.
//   - For every matched record the store keeps the digest of the version last
//     received from the other side (the base), and a file carries, with each
//     record, the sender's base. Incoming equal to local: nothing to do. Local
//     unchanged since our base, or the sender's change made on top of our
//     current version (its base is our local version): a change, applied.
//     Incoming equal to our base, or unchanged since the sender's own base:
//     ours is newer, kept. Otherwise (both changed since the last exchange, or
//     first meeting with different values): a conflict, shown field by field
//     and decided by the clerk (theirs or ours).
//     After an import the base is the incoming version, whatever was decided,
//     so importing the same file again changes nothing and a conflict already
//     decided is not asked again.
//   - An older file never reverts newer data. Every record and nomination
//     carries the sender's version of it (every change its copy recorded
//     counts) and the time of its last change, and the manifest the sending
//     copy; the receiver keeps the newest it took in from each copy. A
//     version older in both (or older in one, equal in the other) than one
//     already taken in is left as it is (本机较新, Item.Older, its note says
//     the file is older), whatever -prefer says: that only decides true
//     conflicts, and its base stays the newer version. A file without these
//     (an older program: Manifest.Minor 0) is compared as before, and the
//     preview says its age could not be told (Plan.AgeUnknown).
//   - A UUID names one record among every kind (records, rounds,
//     nominations): a file using one twice is refused, a record whose UUID
//     another kind has here is refused naming both, and Export checks its
//     own output the same way before writing, so it never makes a file every
//     receiver would refuse.
//   - Deleted records travel too: a record in the recycle bin is sent marked
//     deleted, and its deletion is one more change under the rules above (a
//     deletion made on top of our version is applied, one made while we
//     changed the record is a conflict). The receiver moves its copy to the
//     recycle bin (never deletes it outright) through the store's own Delete,
//     which refuses while other records depend on it: then the item is shown
//     as 不能删除 with those records listed, the rest is imported, and the same
//     file asks again once they are gone. A record restored on one side is
//     restored on the other the same way. A deleted record the receiver has
//     never had is left out.
//   - The office's file to one community carries that community's
//     nominations' states (states.json): 退回修改 with the office's reason,
//     初审通过, 拟命名, 未入选, 公示中, 已命名 with its certificate number,
//     撤销 with its reason… The community's copy takes them through the
//     store's ReceiveState (audited with the reason and the sender), unless it
//     holds a newer version the office has not received yet, or the file is
//     older than one already taken in. A nomination sent back (退回修改) is
//     editable again there, to be fixed and submitted anew.
//   - The office's file carries its open rounds (rounds.json: not yet named,
//     with categories, scoring sheet and veto items); the office owns them, so
//     a received round is added or updated, never a conflict. A community's
//     file carries its nominations other than drafts (nominations.json) and
//     their attachments (attachments/<sha256><ext>); one sent back (退回修改)
//     is sent again once resubmitted. The office takes a new
//     nomination in and submits it; one it sent back is updated and submitted
//     again; one already submitted becomes an amendment (a new version, the
//     earlier kept); one the office has moved further (withdrawn, proposed…)
//     is left as it is and shown so. Only the office's copy takes nominations.
//   - Everything is written in one transaction through the store's own save
//     functions, so every record is validated and audited; one invalid record
//     refuses the whole file.
package exchange

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"jiayuan/data"
)

// Format identifiers.
const (
	FormatName = "jiayuan-exchange"
	// Version is the format this program writes: 2 added deleted records
	// and the office's states of nominations. Files from MinVersion on are read.
	Version    = 2
	MinVersion = 1
	// Minor counts additions to Version that an older reader may ignore
	// (it reads the file as before): 1 added, with every record and
	// nomination, the sender's version and time of its last change, and the
	// sender's copy, so an older file is never applied over a newer one;
	// 2 added the 评审结果反馈 to the office's states of a community's
	// nominations (StateRec.Feedback; an older reader ignores it).
	Minor        = 2
	Ext          = ".jyx"
	manifestName = "manifest.json"
	recordsName  = "records.json"
)

// Limits bound what an exchange file may unpack into. Tests lower them.
var Limits = data.ArchiveLimits{MaxEntries: 10000, MaxEntry: 200 << 20, MaxTotal: 1 << 30}

// MaxJSON bounds the manifest and the records entry.
var MaxJSON int64 = 64 << 20

// ErrRefused is wrapped by every refusal of a file's content.
var ErrRefused = errors.New("交换文件被拒绝")

func refused(format string, a ...any) error {
	return fmt.Errorf("%w：%s", ErrRefused, fmt.Sprintf(format, a...))
}

// Sender is who made the file.
type Sender struct {
	Role          string `json:"role"` // data.RoleOffice or data.RoleCommunity
	Office        string `json:"office"`
	CommunityUUID string `json:"community_uuid,omitempty"`
	CommunityName string `json:"community_name,omitempty"`
	Operator      string `json:"operator,omitempty"`
	// Copy identifies the installation that made the file (minor 1): the
	// versions of its records count that copy's changes.
	Copy string `json:"copy,omitempty"`
}

// Label is a one-line description: 华阳街道 滨江社区.
func (s Sender) Label() string {
	l := s.Office
	if s.CommunityName != "" {
		l += " " + s.CommunityName
	}
	if s.Role == data.RoleOffice {
		l += "（街道办事处）"
	}
	if l = strings.TrimSpace(l); l == "" {
		l = "尚未设置使用单位的家园"
	}
	return l
}

// Manifest is manifest.json.
type Manifest struct {
	Format  string             `json:"format"`
	Version int                `json:"version"`
	Minor   int                `json:"minor,omitempty"`
	Created string             `json:"created"`
	Sender  Sender             `json:"sender"`
	Scope   string             `json:"scope"` // the community exported, "" for all
	Counts  map[string]int     `json:"counts"`
	Files   []data.ArchiveFile `json:"files"`
}

// Record is one record in records.json.
type Record struct {
	UUID      string `json:"uuid"`
	Community string `json:"community,omitempty"` // UUID of the community (compounds, orgs)
	Compound  string `json:"compound,omitempty"`  // UUID of the compound (orgs)
	Parent    string `json:"parent,omitempty"`    // UUID of the parent organisation (orgs)
	UpdatedAt string `json:"updated_at,omitempty"`
	// Base is the digest of the version the sender last received from the
	// other side ("" when none): the receiver can tell whether the sender's
	// change was made on top of the receiver's own current version.
	Base string `json:"base,omitempty"`
	// Deleted marks a record in the sender's recycle bin.
	Deleted bool              `json:"deleted,omitempty"`
	Fields  map[string]string `json:"fields"`
	// Rev and ChangedAt are the sender's version of the record (how many
	// changes its copy has recorded of it) and the time of its last change
	// (minor 1; absent from older files: age unknown).
	Rev       int64  `json:"rev,omitempty"`
	ChangedAt string `json:"changed_at,omitempty"`
}

// Records is records.json.
type Records struct {
	Communities []Record `json:"communities"`
	Compounds   []Record `json:"compounds"`
	Orgs        []Record `json:"orgs"`
}

// Package is an exchange file read and checked in full.
type Package struct {
	Path        string
	Manifest    Manifest
	Records     Records
	Rounds      []RoundRec      // the office's open rounds (a file from the office)
	Nominations []NominationRec // a community's nominations (a file from a community)
	States      []StateRec      // the office's states of one community's nominations (a file from the office)

	// unpacked lists the attachment files an import wrote into the data
	// folder that were not there before; an import that fails removes them.
	unpacked []string
}

// Options choose what Export writes.
type Options struct {
	// Community is the name of the one community to export; "" exports all
	// live records (the office) or the installation's own community (a community).
	Community string
}

// Export writes the store's records to path as an exchange file. The file
// appears only once complete; a path that is one of the data folder's own
// files is refused (see data.CheckOutputPath).
func Export(st *data.Store, path string, opt Options) (Manifest, error) {
	if err := st.CheckOutputPath(path); err != nil {
		return Manifest{}, err
	}
	set, err := st.Settings()
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: FormatName, Version: Version, Minor: Minor, Created: st.Now().Format(time.RFC3339),
		Sender: Sender{Role: set.Role, Office: set.OfficeName, CommunityUUID: set.CommunityUUID, Operator: st.Operator,
			Copy: st.CopyID()}}
	all, err := loadLocal(st.ExchangeSnapshot())
	if err != nil {
		return m, err
	}
	if set.CommunityUUID != "" {
		if c, ok := all.byUUID[data.EntityCommunity][set.CommunityUUID]; ok {
			m.Sender.CommunityName = c.name
		}
	}
	scope, err := exportScope(all, set, opt.Community)
	if err != nil {
		return m, err
	}
	if err := stampRecords(st, all); err != nil {
		return m, err
	}
	out := &Package{}
	out.Records, m.Scope = scopedRecords(all, scope)
	files, err := exportRoundData(st, all, set, scope, out)
	if err != nil {
		return m, err
	}
	m.Counts = exportCounts(out, len(files))
	out.Manifest = m
	// what every receiver's Read checks, checked before the file is written:
	// a file it would refuse is not made
	if err := out.checkContent(); err != nil {
		msg := strings.TrimPrefix(strings.TrimPrefix(err.Error(), ErrRefused.Error()), "：")
		return m, fmt.Errorf("本机数据有误，未写出交换文件 %s（对方会拒收这样的文件）：%s", filepath.Base(path), msg)
	}
	return writeExchange(st, path, out, files)
}

// exportScope is the UUID of the one community exported: the one named
// (an error when there is none), else a community's own; "" for all.
func exportScope(all *localSet, set data.Settings, community string) (string, error) {
	scope := ""
	switch {
	case community != "":
		for _, c := range all.list[data.EntityCommunity] {
			if c.name == data.Normalize(community) {
				scope = c.rec.UUID
			}
		}
		if scope == "" {
			return "", fmt.Errorf("没有名为“%s”的社区", community)
		}
	case set.Role == data.RoleCommunity && set.CommunityUUID != "":
		scope = set.CommunityUUID
	}
	return scope, nil
}

// stampRecords gives every record its base and its version and time of
// last change.
func stampRecords(st *data.Store, all *localSet) error {
	for _, e := range entities {
		ages, err := localAges(st.RecordAges(e))
		if err != nil {
			return err
		}
		for _, l := range all.all(e) {
			l.rec.Base = all.base[e][l.rec.UUID]
			l.rec.Rev, l.rec.ChangedAt = ages[l.id].Rev, ages[l.id].At.Format(time.RFC3339)
		}
	}
	return nil
}

// scopedRecords are the records of the scope's community (every record when
// scope is ""), live and deleted, and the scope community's name.
func scopedRecords(all *localSet, scope string) (recs Records, name string) {
	for _, l := range all.all(data.EntityCommunity) {
		if scope == "" || l.rec.UUID == scope {
			recs.Communities = append(recs.Communities, l.rec)
			if scope != "" && !l.deleted {
				name = l.name
			}
		}
	}
	for _, l := range all.all(data.EntityCompound) {
		if scope == "" || l.rec.Community == scope {
			recs.Compounds = append(recs.Compounds, l.rec)
		}
	}
	for _, l := range all.all(data.EntityOrg) {
		if scope == "" || l.rec.Community == scope {
			recs.Orgs = append(recs.Orgs, l.rec)
		}
	}
	return recs, name
}

// exportRoundData adds to p what the sender's role sends besides records:
// the office its open rounds (and, to one community, the states of that
// community's nominations); a community its nominations, whose attachment
// files (entry name to path) it returns.
func exportRoundData(st *data.Store, all *localSet, set data.Settings, scope string, p *Package) (map[string]string, error) {
	var err error
	var files map[string]string
	switch set.Role {
	case data.RoleOffice:
		if p.Rounds, err = exportRounds(st); err != nil {
			return nil, err
		}
		if scope != "" {
			if p.States, err = exportStates(st, all, scope); err != nil {
				return nil, err
			}
		}
	case data.RoleCommunity:
		if p.Nominations, files, err = exportNominations(st, all, set.CommunityUUID); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// exportCounts are the manifest's counts of what p holds.
func exportCounts(p *Package, attachments int) map[string]int {
	recs := p.Records
	counts := map[string]int{"communities": len(recs.Communities), "compounds": len(recs.Compounds), "orgs": len(recs.Orgs),
		"rounds": len(p.Rounds), "nominations": len(p.Nominations), "attachments": attachments, "states": len(p.States)}
	for _, list := range [][]Record{recs.Communities, recs.Compounds, recs.Orgs} {
		for _, r := range list {
			if r.Deleted {
				counts["deleted"]++
			}
		}
	}
	return counts
}

// writeExchange writes p (and, with nominations, the attachment files) to
// path; the manifest, listing every entry written, goes last.
func writeExchange(st *data.Store, path string, p *Package, files map[string]string) (Manifest, error) {
	js, err := json.MarshalIndent(p.Records, "", " ")
	if err != nil {
		return p.Manifest, err
	}
	_, err = st.WriteOutput(path, func(w io.Writer) error {
		aw := data.NewArchiveWriter(w)
		if err := aw.Add(recordsName, strings.NewReader(string(js)), true); err != nil {
			return err
		}
		if err := addRoundEntries(aw, p, files); err != nil {
			return err
		}
		p.Manifest.Files = aw.Files()
		mj, err := json.MarshalIndent(p.Manifest, "", "  ")
		if err != nil {
			return err
		}
		return aw.Close(manifestName, mj)
	})
	if err != nil {
		return p.Manifest, fmt.Errorf("无法写出交换文件：%w", err)
	}
	return p.Manifest, nil
}

// addRoundEntries adds the rounds, states and nominations entries that
// have any, and with the nominations their attachment files by entry name.
func addRoundEntries(aw *data.ArchiveWriter, p *Package, files map[string]string) error {
	if len(p.Rounds) > 0 {
		if err := addJSONEntry(aw, roundsName, p.Rounds); err != nil {
			return err
		}
	}
	if len(p.States) > 0 {
		if err := addJSONEntry(aw, statesName, p.States); err != nil {
			return err
		}
	}
	if len(p.Nominations) == 0 {
		return nil
	}
	if err := addJSONEntry(aw, nominationsName, p.Nominations); err != nil {
		return err
	}
	entries := make([]string, 0, len(files))
	for e := range files {
		entries = append(entries, e)
	}
	sort.Strings(entries)
	for _, e := range entries {
		if _, err := aw.AddFile(e, files[e], false); err != nil {
			return fmt.Errorf("附件 %s：%w", e, err)
		}
	}
	return nil
}

// addJSONEntry adds v, indented JSON, as the compressed entry name.
func addJSONEntry(aw *data.ArchiveWriter, name string, v any) error {
	js, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return aw.Add(name, strings.NewReader(string(js)), true)
}

var reUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// Read opens an exchange file and checks all of it before anything is
// imported: the zip is whole, entry names are safe, sizes are within Limits,
// the format version is known, every entry matches the manifest's SHA-256,
// and the records are well formed (UUIDs, no duplicates, parents named).
func Read(path string) (*Package, error) {
	a, err := data.OpenArchive(path, Limits)
	if err != nil {
		return nil, wrapRefused(err)
	}
	defer a.Close()
	if !a.Has(manifestName) {
		return nil, refused("缺少清单 %s，不是家园的交换文件", manifestName)
	}
	mj, err := a.ReadAll(manifestName, MaxJSON)
	if err != nil {
		return nil, wrapRefused(err)
	}
	p := &Package{Path: path}
	if err := json.Unmarshal(mj, &p.Manifest); err != nil {
		return nil, refused("清单无法读取（%v）", err)
	}
	m := p.Manifest
	if m.Format != FormatName {
		return nil, refused("不是家园的交换文件（格式“%s”）", m.Format)
	}
	if m.Version < MinVersion || m.Version > Version {
		return nil, refused("交换文件格式版本 %d 不认识（本程序认识版本 %d 至 %d），请双方使用同一版本的家园", m.Version, MinVersion, Version)
	}
	for _, f := range m.Files {
		if f.Name != recordsName && f.Name != roundsName && f.Name != nominationsName && f.Name != statesName && !reAttachEntry.MatchString(f.Name) {
			return nil, refused("不认识的内容“%s”", f.Name)
		}
	}
	if err := a.Verify(manifestName, m.Files); err != nil {
		return nil, wrapRefused(err)
	}
	if !a.Has(recordsName) {
		return nil, refused("缺少记录 %s", recordsName)
	}
	rj, err := a.ReadAll(recordsName, MaxJSON)
	if err != nil {
		return nil, wrapRefused(err)
	}
	if err := json.Unmarshal(rj, &p.Records); err != nil {
		return nil, refused("记录无法读取（%v）", err)
	}
	if err := p.Records.check(); err != nil {
		return nil, err
	}
	for _, e := range []struct {
		name string
		dst  any
	}{{roundsName, &p.Rounds}, {nominationsName, &p.Nominations}, {statesName, &p.States}} {
		if !a.Has(e.name) {
			continue
		}
		b, err := a.ReadAll(e.name, MaxJSON)
		if err != nil {
			return nil, wrapRefused(err)
		}
		if err := json.Unmarshal(b, e.dst); err != nil {
			return nil, refused("%s 无法读取（%v）", e.name, err)
		}
	}
	if err := p.checkRoundsAndNominations(a); err != nil {
		return nil, err
	}
	if err := p.checkContent(); err != nil {
		return nil, err
	}
	return p, nil
}

// checkContent refuses what no receiver may take in: malformed records,
// one UUID used by two items of any kind, malformed states. Read checks it
// (with the attachments); Export checks its own output with it before
// writing.
func (p *Package) checkContent() error {
	if err := p.Records.check(); err != nil {
		return err
	}
	if err := p.checkIdentity(); err != nil {
		return err
	}
	return p.checkStates()
}

// checkIdentity refuses a UUID given to two items of the file, whatever
// their kinds: records, rounds and nominations are all named by UUID alone.
func (p *Package) checkIdentity() error {
	seen := map[string]string{}
	var errs []string
	add := func(uuid, label string) {
		if first, ok := seen[uuid]; ok {
			errs = append(errs, fmt.Sprintf("%s：UUID 重复，与%s相同", label, first))
			return
		}
		seen[uuid] = label
	}
	for _, k := range []struct {
		label string
		list  []Record
	}{{"社区", p.Records.Communities}, {"小区", p.Records.Compounds}, {"党组织", p.Records.Orgs}} {
		for _, r := range k.list {
			add(r.UUID, fmt.Sprintf("%s“%s”", k.label, r.Fields["name"]))
		}
	}
	for _, r := range p.Rounds {
		add(r.UUID, fmt.Sprintf("评选活动“%s”", r.Fields["title"]))
	}
	for _, n := range p.Nominations {
		add(n.UUID, fmt.Sprintf("申报“%s”", n.NomineeName))
	}
	if len(errs) > 0 {
		return refused("记录格式有误：%s", joinSome(errs))
	}
	return nil
}

func wrapRefused(err error) error {
	if errors.Is(err, data.ErrBadArchive) {
		return fmt.Errorf("%w：%w", ErrRefused, err)
	}
	return err
}

// check refuses malformed records: a bad or repeated UUID, a missing name,
// a compound or organisation without a community.
func (r Records) check() error {
	seen := map[string]string{}
	var errs []string
	for _, k := range []struct {
		label string
		list  []Record
	}{{"社区", r.Communities}, {"小区", r.Compounds}, {"党组织", r.Orgs}} {
		for i, rec := range k.list {
			name := rec.Fields["name"]
			id := fmt.Sprintf("%s第 %d 条（%s）", k.label, i+1, name)
			switch first, dup := seen[rec.UUID]; {
			case !reUUID.MatchString(rec.UUID):
				errs = append(errs, id+"：UUID 无效")
			case dup:
				errs = append(errs, id+"：UUID 重复，与"+first+"相同")
			default:
				seen[rec.UUID] = fmt.Sprintf("%s“%s”", k.label, name)
			}
			if rec.Fields == nil {
				errs = append(errs, id+"：没有字段")
			}
			if k.label != "社区" && !reUUID.MatchString(rec.Community) {
				errs = append(errs, id+"：没有所属社区")
			}
			for _, ref := range []string{rec.Compound, rec.Parent} {
				if ref != "" && !reUUID.MatchString(ref) {
					errs = append(errs, id+"：引用的 UUID 无效")
				}
			}
		}
	}
	if len(errs) > 0 {
		return refused("记录格式有误：%s", joinSome(errs))
	}
	return nil
}

func joinSome(list []string) string {
	if len(list) > 10 {
		return strings.Join(list[:10], "；") + fmt.Sprintf("；等 %d 处", len(list))
	}
	return strings.Join(list, "；")
}

// FileExists reports whether path exists (the window asks before overwriting).
func FileExists(path string) bool { _, err := os.Stat(path); return err == nil }
