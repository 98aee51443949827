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
	"strconv"
	"strings"
	"time"

	"jiayuan/data"
	"jiayuan/data/score"
)

// Entries for selection rounds and nominations.
const (
	roundsName      = "rounds.json"
	nominationsName = "nominations.json"
	attachPrefix    = "attachments/"
)

// RoundRec is an open round as the office sends it to the communities: its
// fields, categories, scoring sheet and veto items.
type RoundRec struct {
	UUID       string            `json:"uuid"`
	Fields     map[string]string `json:"fields"`
	Categories []CategoryRec     `json:"categories"`
	Criteria   []CriterionRec    `json:"criteria"`
	Vetoes     []string          `json:"vetoes"`
}

// CategoryRec is one category of a round.
type CategoryRec struct {
	Name        string `json:"name"`
	NomineeKind string `json:"nominee_kind"`
	Quota       int    `json:"quota"`
	CertPattern string `json:"cert_pattern"`
}

// CriterionRec is one line of a round's scoring sheet.
type CriterionRec struct {
	Name        string `json:"name"`
	Max         string `json:"max"`
	Description string `json:"description"`
}

// NominationRec is a nomination as a community sends it to the office. The
// round is named by UUID, the category and the self-scores' criteria by
// name (ids are local to each copy), the nominee by its record's UUID.
type NominationRec struct {
	UUID         string            `json:"uuid"`
	Round        string            `json:"round"`
	Category     string            `json:"category"`
	Nominee      string            `json:"nominee"`
	NomineeKind  string            `json:"nominee_kind"`
	NomineeName  string            `json:"nominee_name"`
	State        string            `json:"state"`
	Version      int               `json:"version"`
	Methods      string            `json:"methods"`
	Highlights   string            `json:"highlights"`
	Contact      string            `json:"contact"`
	ContactPhone string            `json:"contact_phone"`
	Opinion      string            `json:"opinion"`
	SelfScores   map[string]string `json:"self_scores"`
	Attachments  []AttachmentRec   `json:"attachments"`
	// Rev and ChangedAt are the community's version of the nomination
	// (every change counts, attachments too) and the time of its last
	// change (minor 1; absent from older files).
	Rev       int64  `json:"rev,omitempty"`
	ChangedAt string `json:"changed_at,omitempty"`
}

// AttachmentRec is one attachment of a nomination; its file travels as
// attachments/<sha256><ext>.
type AttachmentRec struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Ext    string `json:"ext"`
	Size   int64  `json:"size"`
}

func (a AttachmentRec) entry() string { return attachPrefix + a.SHA256 + a.Ext }

var reAttachEntry = regexp.MustCompile(`^attachments/[0-9a-f]{64}(\.[a-z0-9]{1,8})?$`)

// roundRec renders a local round.
func roundRec(r data.Round) RoundRec {
	out := RoundRec{UUID: r.UUID, Fields: fieldsOf(&r), Vetoes: []string{}}
	for _, c := range r.Categories {
		out.Categories = append(out.Categories, CategoryRec{Name: c.Name, NomineeKind: c.NomineeKind, Quota: c.Quota, CertPattern: c.CertPattern})
	}
	for _, c := range r.Criteria {
		out.Criteria = append(out.Criteria, CriterionRec{Name: c.Name, Max: c.Max.String(), Description: c.Description})
	}
	for _, v := range r.Vetoes {
		out.Vetoes = append(out.Vetoes, v.Text)
	}
	return out
}

// round builds a round to save from a received one.
func (rr RoundRec) round() (data.Round, error) {
	var r data.Round
	if err := setFields(&r, rr.Fields); err != nil {
		return r, err
	}
	r.UUID = rr.UUID
	for i, c := range rr.Categories {
		r.Categories = append(r.Categories, data.Category{Position: i + 1, Name: c.Name, NomineeKind: c.NomineeKind,
			Quota: c.Quota, CertPattern: c.CertPattern})
	}
	for i, c := range rr.Criteria {
		max, err := score.ParseDecimal(c.Max)
		if err != nil {
			return r, fmt.Errorf("评分标准“%s”的满分“%s”无效", c.Name, c.Max)
		}
		r.Criteria = append(r.Criteria, data.Criterion{Position: i + 1, Name: c.Name, Max: max, Description: c.Description})
	}
	for i, v := range rr.Vetoes {
		r.Vetoes = append(r.Vetoes, data.VetoItem{Position: i + 1, Text: v})
	}
	return r, nil
}

func canonicalJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// nominationRec renders a local nomination; nominee is its record's current UUID.
func nominationRec(n data.Nomination, r data.Round, nominee string, atts []data.Attachment) NominationRec {
	out := NominationRec{UUID: n.UUID, Round: r.UUID, Category: n.CategoryName, Nominee: nominee, NomineeKind: n.NomineeKind,
		NomineeName: n.NomineeName, State: string(n.State), Version: n.Version, Methods: n.Methods, Highlights: n.Highlights,
		Contact: n.Contact, ContactPhone: n.ContactPhone, Opinion: n.Opinion, SelfScores: map[string]string{},
		Attachments: []AttachmentRec{}}
	for _, c := range r.Criteria {
		if d, ok := n.SelfScores[c.ID]; ok {
			out.SelfScores[c.Name] = d.String()
		}
	}
	for _, a := range atts {
		out.Attachments = append(out.Attachments, AttachmentRec{Name: a.Name, SHA256: a.SHA256, Ext: a.Ext, Size: a.Size})
	}
	sort.Slice(out.Attachments, func(i, j int) bool {
		return out.Attachments[i].SHA256+out.Attachments[i].Name < out.Attachments[j].SHA256+out.Attachments[j].Name
	})
	return out
}

// content is what two copies compare of a nomination: not its state or
// version, which each copy keeps for itself.
func (n NominationRec) content() string {
	n.State, n.Version, n.NomineeName, n.Rev, n.ChangedAt = "", 0, "", 0, ""
	return canonicalJSON(n)
}

// exportRounds lists the open rounds (not yet named) for an office's file.
func exportRounds(st *data.Store) ([]RoundRec, error) {
	rs, err := st.Rounds()
	if err != nil {
		return nil, err
	}
	var out []RoundRec
	for _, r := range rs {
		if r.NamedOn.IsZero() {
			out = append(out, roundRec(r))
		}
	}
	return out, nil
}

// exportNominations lists a community's nominations (all but drafts,
// withdrawn ones and ones sent back and not yet resubmitted) with the files
// of their attachments.
func exportNominations(st *data.Store, loc *localSet, community string) ([]NominationRec, map[string]string, error) {
	rs, err := st.Rounds()
	if err != nil {
		return nil, nil, err
	}
	c := loc.byUUID[data.EntityCommunity][community]
	if c == nil {
		return nil, nil, nil
	}
	ages, err := localAges(st.RecordAges(data.EntityNomination))
	if err != nil {
		return nil, nil, err
	}
	var out []NominationRec
	files := map[string]string{} // entry → path
	for _, r := range rs {
		ns, err := st.Nominations(r.ID, data.NominationFilter{CommunityID: c.id})
		if err != nil {
			return nil, nil, err
		}
		for _, n := range ns {
			if n.State == data.StateDraft || n.State == data.StateWithdrawn || n.State == data.StateReturned {
				continue // not (or no longer) put forward; one sent back is sent again once resubmitted
			}
			atts, err := st.Attachments(n.ID, false)
			if err != nil {
				return nil, nil, err
			}
			nominee := loc.uuidOf(data.EntityCommunity, n.CommunityID)
			if n.CompoundID != nil {
				nominee = loc.uuidOf(data.EntityCompound, *n.CompoundID)
			}
			rec := nominationRec(n, r, nominee, atts)
			rec.Rev, rec.ChangedAt = ages[n.ID].Rev, ages[n.ID].At.Format(time.RFC3339)
			out = append(out, rec)
		}
	}
	for _, rec := range out {
		for _, a := range rec.Attachments {
			files[a.entry()] = filepath.Join(st.Dir(), data.AttachmentsDir, a.SHA256+a.Ext)
		}
	}
	return out, files, nil
}

// checkRoundsAndNominations refuses malformed round and nomination entries.
func (p *Package) checkRoundsAndNominations(a *data.Archive) error {
	var errs []string
	listed := map[string]string{} // entry → SHA-256 in the manifest (checked against the content by Verify)
	for _, f := range p.Manifest.Files {
		listed[f.Name] = f.SHA256
	}
	seen := map[string]bool{}
	for i, r := range p.Rounds {
		if !reUUID.MatchString(r.UUID) || seen[r.UUID] {
			errs = append(errs, fmt.Sprintf("评选活动第 %d 条：UUID 无效或重复", i+1))
		}
		seen[r.UUID] = true
	}
	for i, n := range p.Nominations {
		id := fmt.Sprintf("申报第 %d 条（%s）", i+1, n.NomineeName)
		if !reUUID.MatchString(n.UUID) || seen[n.UUID] {
			errs = append(errs, id+"：UUID 无效或重复")
		}
		seen[n.UUID] = true
		if !reUUID.MatchString(n.Round) || !reUUID.MatchString(n.Nominee) {
			errs = append(errs, id+"：评选活动或申报对象的 UUID 无效")
		}
		for _, at := range n.Attachments {
			if !reAttachEntry.MatchString(at.entry()) {
				errs = append(errs, fmt.Sprintf("%s：附件“%s”的编号无效", id, at.Name))
			} else if !a.Has(at.entry()) {
				errs = append(errs, fmt.Sprintf("%s：附件“%s”不在文件中", id, at.Name))
			} else if a.Size(at.entry()) != at.Size {
				errs = append(errs, fmt.Sprintf("%s：附件“%s”的大小不符", id, at.Name))
			} else if listed[at.entry()] != at.SHA256 {
				errs = append(errs, fmt.Sprintf("%s：附件“%s”的内容与编号不符", id, at.Name))
			}
		}
	}
	if len(errs) > 0 {
		return refused("评选内容格式有误：%s", joinSome(errs))
	}
	return nil
}

// planRounds adds the rounds' and nominations' items to the plan.
func planRounds(tx *data.Tx, pkg *Package, p *Plan) error {
	for _, rr := range pkg.Rounds {
		it, err := planRound(tx, pkg, rr)
		if err != nil {
			return err
		}
		p.Items = append(p.Items, it)
	}
	for _, nr := range pkg.Nominations {
		it, err := planNomination(tx, nr, p)
		if err != nil {
			return err
		}
		p.Items = append(p.Items, it)
	}
	return nil
}

// planRound is a received round's item: added, the same, changed, or ours
// newer when the file is older than the last office file taken in.
func planRound(tx *data.Tx, pkg *Package, rr RoundRec) (*Item, error) {
	it := &Item{Entity: data.EntityRound, UUID: rr.UUID, Name: rr.Fields["title"], Status: Added}
	lr, err := tx.RoundByUUID(rr.UUID)
	if err != nil {
		return it, nil
	}
	ours := roundRec(lr)
	it.LocalID = lr.ID
	// Only the office sets rounds: theirs is applied; the notice and
	// naming dates are the office's own steps.
	theirs, err := rr.round()
	if err != nil {
		return nil, refused("%s：%v", it.Label(), err)
	}
	tr := roundRec(theirs)
	for _, k := range []string{"notice_start", "notice_end", "named_on"} {
		tr.Fields[k] = ours.Fields[k]
	}
	tr.UUID = ours.UUID
	last, err := roundReceivedAt(tx, rr.UUID)
	if err != nil {
		return nil, err
	}
	switch {
	case canonicalJSON(tr) == canonicalJSON(ours):
		it.Status = Same
	case fileTime(pkg).Before(last):
		// an older office file opened after a newer one never
		// undoes the round's newer settings
		it.Status = OursNewer
		it.Note = "文件比本机已收到的街道文件旧，不再采用"
		it.Diffs = roundDiffs(ours, tr)
	default:
		it.Status = Changed
		it.Diffs = roundDiffs(ours, tr)
	}
	return it, nil
}

// planNomination is a received nomination's item: added, or against the
// local one, the same, changed (sent again after being returned, or an
// amendment) or ours newer.
func planNomination(tx *data.Tx, nr NominationRec, p *Plan) (*Item, error) {
	it := &Item{Entity: data.EntityNomination, UUID: nr.UUID, Name: nr.NomineeName, Where: nr.Category, Status: Added,
		in: parseAge(nr.Rev, nr.ChangedAt)}
	ln, ok, err := localNomination(tx, nr.UUID)
	if err != nil || !ok {
		return it, err
	}
	it.LocalID = ln.n.ID
	last, err := sentVersion(tx, nr.UUID)
	if err != nil {
		return nil, err
	}
	switch {
	case ln.rec.content() == nr.content():
		it.Status = Same
	case nr.Version < last:
		// an older file taken in after a newer one (files crossed in
		// the mail, or an old one opened by mistake) never undoes the
		// version already received
		it.Status = OursNewer
		it.Note = fmt.Sprintf("文件里是第%d版，本机已收到第%d版，较早的版本不再采用", nr.Version, last)
	case ln.n.State.Editable():
		it.Status = Changed
		it.Note = "退回修改后重新报送"
	case ln.n.State.Amendable():
		it.Status = Changed
		it.Note = "已提交后再次报送，作为补正（保留原版本）"
	default:
		it.Status = OursNewer
		it.Note = fmt.Sprintf("本机已是“%s”，不再接受改动", ln.n.State.Label())
	}
	if it.Status == Changed {
		// an older file whose version number is the same (an
		// attachment added or removed since) is told by its age
		p.seen.markOlder(it)
	}
	if it.Status != Same {
		it.Diffs = nominationDiffs(ln.rec, nr)
	}
	return it, nil
}

func roundDiffs(ours, theirs RoundRec) []Diff {
	lab := labels(&data.Round{})
	var out []Diff
	var keys []string
	for k := range theirs.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if ours.Fields[k] != theirs.Fields[k] {
			out = append(out, Diff{Field: k, Label: orKey(lab[k], k), Ours: ours.Fields[k], Theirs: theirs.Fields[k]})
		}
	}
	if a, b := canonicalJSON(ours.Categories), canonicalJSON(theirs.Categories); a != b {
		out = append(out, Diff{Field: "categories", Label: "评选类别", Ours: catText(ours.Categories), Theirs: catText(theirs.Categories)})
	}
	if a, b := canonicalJSON(ours.Criteria), canonicalJSON(theirs.Criteria); a != b {
		out = append(out, Diff{Field: "criteria", Label: "评分标准", Ours: critText(ours.Criteria), Theirs: critText(theirs.Criteria)})
	}
	if a, b := strings.Join(ours.Vetoes, "；"), strings.Join(theirs.Vetoes, "；"); a != b {
		out = append(out, Diff{Field: "vetoes", Label: "一票否决事项", Ours: a, Theirs: b})
	}
	return out
}

func catText(cs []CategoryRec) string {
	var p []string
	for _, c := range cs {
		p = append(p, fmt.Sprintf("%s（名额 %d）", c.Name, c.Quota))
	}
	return strings.Join(p, "；")
}

func critText(cs []CriterionRec) string {
	var p []string
	for _, c := range cs {
		p = append(p, c.Name+" "+c.Max+"分")
	}
	return strings.Join(p, "；")
}

func orKey(l, k string) string {
	if l == "" {
		return k
	}
	return l
}

func nominationDiffs(ours, theirs NominationRec) []Diff {
	var out []Diff
	add := func(label, a, b string) {
		if a != b {
			out = append(out, Diff{Field: label, Label: label, Ours: a, Theirs: b})
		}
	}
	add("类别", ours.Category, theirs.Category)
	add("主要做法", ours.Methods, theirs.Methods)
	add("特色亮点", ours.Highlights, theirs.Highlights)
	add("联系人", ours.Contact, theirs.Contact)
	add("联系电话", ours.ContactPhone, theirs.ContactPhone)
	add("社区意见", ours.Opinion, theirs.Opinion)
	add("自评分", scoresText(ours.SelfScores), scoresText(theirs.SelfScores))
	add("附件", attText(ours.Attachments), attText(theirs.Attachments))
	return out
}

func scoresText(m map[string]string) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var p []string
	for _, k := range keys {
		p = append(p, k+" "+m[k])
	}
	return strings.Join(p, "，")
}

func attText(as []AttachmentRec) string {
	var p []string
	for _, a := range as {
		p = append(p, a.Name)
	}
	return strings.Join(p, "、")
}

// applyRound saves a received round.
func applyRound(tx *data.Tx, pkg *Package, it *Item) error {
	for _, rr := range pkg.Rounds {
		if rr.UUID != it.UUID {
			continue
		}
		r, err := rr.round()
		if err != nil {
			return &itemError{fmt.Errorf("%s：%w", it.Label(), err)}
		}
		if err := tx.ImportRound(&r); err != nil {
			return &itemError{err}
		}
		if err := rememberRoundReceived(tx, pkg, rr.UUID); err != nil {
			return err
		}
		return nil
	}
	return nil
}

// itemError is a problem with one incoming item (listed, the import refused).
type itemError struct{ err error }

func (e *itemError) Error() string { return e.err.Error() }

// applyNomination adds a received nomination or brings in its new content:
// a draft or one sent back is updated and submitted again; a submitted one
// is amended (a new version, the earlier kept).
func applyNomination(tx *data.Tx, pkg *Package, it *Item, resolve func(entity, uuid string) (*int64, error), dry bool) error {
	in, err := readIncomingNomination(tx, pkg, it, resolve)
	if err != nil {
		return err
	}
	if !dry && len(in.atts) > 0 {
		if err := extractAttachments(tx.Store(), pkg, in.rec.Attachments); err != nil {
			return err
		}
	}
	if it.LocalID == 0 {
		return addNomination(tx, in)
	}
	return updateNomination(tx, it, in)
}

// incomingNom is a received nomination read against this copy: its round,
// category, self-scores and nominee as local ids.
type incomingNom struct {
	rec     NominationRec
	round   data.Round
	catID   int64
	scores  data.CriterionScores
	entity  string // the nominee's: EntityCommunity or EntityCompound
	nominee *int64
	atts    []data.Attachment
	reason  string // for the nomination's history
}

// itemFail is an itemError naming the item.
func itemFail(it *Item, format string, a ...any) error {
	return &itemError{fmt.Errorf("%s：%s", it.Label(), fmt.Sprintf(format, a...))}
}

// readIncomingNomination finds the item's nomination in the file and reads
// it against this copy; an itemError when its round, category, a criterion
// or its nominee is not here, or a community sent another's nomination.
func readIncomingNomination(tx *data.Tx, pkg *Package, it *Item, resolve func(entity, uuid string) (*int64, error)) (*incomingNom, error) {
	in := &incomingNom{reason: fmt.Sprintf("交换文件 %s", filepath.Base(pkg.Path))}
	for _, x := range pkg.Nominations {
		if x.UUID == it.UUID {
			in.rec = x
		}
	}
	var err error
	if in.round, in.catID, err = roundCategory(tx, it, in.rec); err != nil {
		return nil, err
	}
	if in.scores, err = selfScores(it, in.round, in.rec.SelfScores); err != nil {
		return nil, err
	}
	if in.entity, in.nominee, err = incomingNominee(tx, pkg, it, in.rec, resolve); err != nil {
		return nil, err
	}
	for _, a := range in.rec.Attachments {
		in.atts = append(in.atts, data.Attachment{Name: a.Name, SHA256: a.SHA256, Ext: a.Ext, Size: a.Size})
	}
	return in, nil
}

// roundCategory is the local round of a received nomination and the id of
// its category there.
func roundCategory(tx *data.Tx, it *Item, nr NominationRec) (data.Round, int64, error) {
	r, err := tx.RoundByUUID(nr.Round)
	if errors.Is(err, data.ErrNotFound) {
		return r, 0, itemFail(it, "所属评选活动不在本机")
	} else if err != nil {
		return r, 0, err
	}
	var catID int64
	for _, c := range r.Categories {
		if c.Name == nr.Category {
			catID = c.ID
		}
	}
	if catID == 0 {
		return r, 0, itemFail(it, "%s没有“%s”这一类别", r.Label(), nr.Category)
	}
	return r, catID, nil
}

// selfScores are the received self-scores by the round's criterion ids.
func selfScores(it *Item, r data.Round, byName map[string]string) (data.CriterionScores, error) {
	scores := data.CriterionScores{}
	for name, v := range byName {
		var id int64
		for _, c := range r.Criteria {
			if c.Name == name {
				id = c.ID
			}
		}
		if id == 0 {
			return nil, itemFail(it, "评分标准“%s”不在%s中", name, r.Label())
		}
		d, err := score.ParseDecimal(v)
		if err != nil {
			return nil, itemFail(it, "自评分“%s”无效", v)
		}
		scores[id] = d
	}
	return scores, nil
}

// incomingNominee is the nominee's entity and local id; a file from a
// community may only nominate that community or its compounds.
func incomingNominee(tx *data.Tx, pkg *Package, it *Item, nr NominationRec, resolve func(entity, uuid string) (*int64, error)) (string, *int64, error) {
	entity := data.EntityCommunity
	if nr.NomineeKind == data.NomineeCompound {
		entity = data.EntityCompound
	}
	nomineeID, err := resolve(entity, nr.Nominee)
	if err != nil {
		return "", nil, itemFail(it, "申报对象不在本机也不在文件中")
	}
	if s := pkg.Manifest.Sender; s.Role == data.RoleCommunity {
		// a community sends only its own nominations
		own, err := resolve(data.EntityCommunity, s.CommunityUUID)
		nomineeCommunity := *nomineeID
		if entity == data.EntityCompound {
			nomineeCommunity = tx.CompoundCommunity(*nomineeID)
		}
		if err != nil || own == nil || *own != nomineeCommunity {
			return "", nil, itemFail(it, "申报对象不属于发出文件的%s", orKey(s.CommunityName, "社区"))
		}
	}
	return entity, nomineeID, nil
}

// setContent gives n the received text and self-scores.
func (in *incomingNom) setContent(n *data.Nomination) {
	nr := in.rec
	n.Methods, n.Highlights, n.Contact, n.ContactPhone, n.Opinion = nr.Methods, nr.Highlights, nr.Contact, nr.ContactPhone, nr.Opinion
	n.SelfScores = in.scores
}

// addNomination saves a nomination new to this copy.
func addNomination(tx *data.Tx, in *incomingNom) error {
	n := &data.Nomination{UUID: in.rec.UUID, RoundID: in.round.ID, CategoryID: in.catID}
	if in.entity == data.EntityCompound {
		n.CompoundID = in.nominee
	} else {
		n.CommunityID = *in.nominee
	}
	in.setContent(n)
	return saveAndSubmit(tx, n, in)
}

// saveAndSubmit saves n with the received attachments, and submits it
// unless the sender's copy was a draft.
func saveAndSubmit(tx *data.Tx, n *data.Nomination, in *incomingNom) error {
	if err := tx.SaveNomination(n); err != nil {
		return &itemError{err}
	}
	if _, err := tx.SyncAttachments(n.ID, in.atts, in.reason); err != nil {
		return &itemError{err}
	}
	if in.rec.State != string(data.StateDraft) {
		if err := tx.Transition(n.ID, data.ActSubmit, in.reason); err != nil {
			return &itemError{err}
		}
	}
	return nil
}

// updateNomination brings the received content into the local nomination:
// saved and submitted again while editable, else amended (only when the
// text or self-scores changed) with its attachments brought in line.
func updateNomination(tx *data.Tx, it *Item, in *incomingNom) error {
	ln, _, err := localNomination(tx, it.UUID)
	if err != nil {
		return err
	}
	n, nr := ln.n, in.rec
	if n.CategoryName != nr.Category || ln.rec.Nominee != nr.Nominee {
		return itemFail(it, "申报的类别或对象与本机不同，不能作为补正导入")
	}
	in.setContent(&n)
	if n.State.Editable() {
		return saveAndSubmit(tx, &n, in)
	}
	changedText := ln.rec.Methods != nr.Methods || ln.rec.Highlights != nr.Highlights || ln.rec.Contact != nr.Contact ||
		ln.rec.ContactPhone != nr.ContactPhone || ln.rec.Opinion != nr.Opinion || canonicalJSON(ln.rec.SelfScores) != canonicalJSON(nr.SelfScores)
	if changedText {
		if err := tx.Amend(&n, "社区再次报送（"+in.reason+"）"); err != nil {
			return &itemError{err}
		}
	}
	if _, err := tx.SyncAttachments(n.ID, in.atts, "社区再次报送（"+in.reason+"）"); err != nil {
		return &itemError{err}
	}
	return nil
}

// extractAttachments copies the attachments' files from the exchange file
// into the data folder, checking each one's SHA-256 as it is written.
// Files are named by their content, so one written for an import that is
// then rolled back is harmless.
func extractAttachments(st *data.Store, pkg *Package, list []AttachmentRec) error {
	a, err := data.OpenArchive(pkg.Path, Limits)
	if err != nil {
		return wrapRefused(err)
	}
	defer a.Close()
	dir := filepath.Join(st.Dir(), data.AttachmentsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("无法保存附件：%w", err)
	}
	for _, at := range list {
		dest := filepath.Join(dir, at.SHA256+at.Ext)
		if _, err := os.Stat(dest); err == nil {
			continue
		}
		err := data.WriteFileAtomic(dest, func(w io.Writer) error {
			sum, _, err := a.Copy(w, at.entry())
			if err != nil {
				return wrapRefused(err)
			}
			if sum != at.SHA256 {
				return refused("附件“%s”的内容与编号不符", at.Name)
			}
			return nil
		})
		if err != nil {
			return err
		}
		pkg.unpacked = append(pkg.unpacked, dest)
	}
	return nil
}

type localNom struct {
	n   data.Nomination
	rec NominationRec
}

// localNomination reads a nomination by UUID as the exchange renders it.
func localNomination(tx *data.Tx, uuid string) (localNom, bool, error) {
	n, err := tx.NominationByUUID(uuid)
	if errors.Is(err, data.ErrNotFound) {
		return localNom{}, false, nil
	}
	if err != nil {
		return localNom{}, false, err
	}
	r, err := tx.RoundByUUID(roundUUID(tx, n.RoundID))
	if err != nil {
		return localNom{}, false, err
	}
	atts, err := tx.NominationAttachments(n.ID)
	if err != nil {
		return localNom{}, false, err
	}
	nominee := tx.UUIDOf(data.EntityCommunity, n.CommunityID)
	if n.CompoundID != nil {
		nominee = tx.UUIDOf(data.EntityCompound, *n.CompoundID)
	}
	return localNom{n: n, rec: nominationRec(n, r, nominee, atts)}, true, nil
}

func roundUUID(tx *data.Tx, id int64) string { return tx.UUIDOf(data.EntityRound, id) }

// sentEntity keeps, in the exchange bookkeeping (exchange_base), the
// highest version of each nomination received from the community that sent
// it, so an older file taken in later is recognised as older.
const sentEntity = "nomination_sent"

// sentVersion is the highest version of the nomination received so far (0 when none).
func sentVersion(tx *data.Tx, uuid string) (int, error) {
	d, err := tx.ExchangeBase(sentEntity, uuid)
	if err != nil {
		return 0, err
	}
	v, _ := strconv.Atoi(d)
	return v, nil
}

// rememberSentVersion records the version of a nomination the file brought
// (taken in, or already the same here) when it is the highest so far.
func rememberSentVersion(tx *data.Tx, pkg *Package, uuid string) error {
	for _, nr := range pkg.Nominations {
		if nr.UUID != uuid {
			continue
		}
		last, err := sentVersion(tx, uuid)
		if err != nil || nr.Version <= last {
			return err
		}
		if err := tx.SetExchangeBase(sentEntity, uuid, strconv.Itoa(nr.Version)); err != nil {
			return err
		}
	}
	return nil
}

// roundEntity keeps, in the exchange bookkeeping, the time of the newest
// office file a round was taken in from (RFC 3339).
const roundEntity = "round_received"

// fileTime is when the file was made (zero when unreadable).
func fileTime(pkg *Package) time.Time {
	t, _ := time.Parse(time.RFC3339, pkg.Manifest.Created)
	return t
}

// roundReceivedAt is the time of the newest file the round was taken in from (zero when none).
func roundReceivedAt(tx *data.Tx, uuid string) (time.Time, error) {
	d, err := tx.ExchangeBase(roundEntity, uuid)
	if err != nil || d == "" {
		return time.Time{}, err
	}
	t, _ := time.Parse(time.RFC3339, d)
	return t, nil
}

// rememberRoundReceived records the file's time for the round when it is the newest so far.
func rememberRoundReceived(tx *data.Tx, pkg *Package, uuid string) error {
	at := fileTime(pkg)
	last, err := roundReceivedAt(tx, uuid)
	if err != nil || at.IsZero() || !at.After(last) {
		return err
	}
	return tx.SetExchangeBase(roundEntity, uuid, pkg.Manifest.Created)
}
