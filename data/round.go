package data

import (
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"jiayuan/data/score"
)

// Entity kinds of a selection round, as named in the audit trail.
const (
	EntityRound      = "round"
	EntityNomination = "nomination"
	EntityReviewer   = "reviewer"
	EntityScore      = "score"
	EntityObjection  = "objection"
	EntityHoliday    = "holiday"
)

// Nominee kinds: what a category names.
const (
	NomineeCommunity = "community"
	NomineeCompound  = "compound"
)

// NomineeKindLabel is the Chinese name of a nominee kind.
func NomineeKindLabel(k string) string {
	switch k {
	case NomineeCommunity:
		return "社区"
	case NomineeCompound:
		return "小区"
	}
	return k
}

// Defaults of a new round.
const (
	DefaultNoticeDays = 5
	DefaultTextLimit  = 2000
)

// Category is one title awarded in a round (百佳示范社区), with its quota.
type Category struct {
	ID          int64  `db:"id"`
	RoundID     int64  `db:"round_id"`
	Position    int    `db:"position"`
	Name        string `db:"name"`
	NomineeKind string `db:"nominee_kind"` // NomineeCommunity or NomineeCompound
	Quota       int    `db:"quota"`
	// CertPattern makes certificate numbers: {seq} or {seq:03} is the
	// sequence within the category, {year} the round's year; e.g. 2021-SQ-{seq:03}.
	CertPattern string `db:"cert_pattern"`
}

// Criterion is one line of the scoring sheet.
type Criterion struct {
	ID          int64         `db:"id"`
	RoundID     int64         `db:"round_id"`
	Position    int           `db:"position"`
	Name        string        `db:"name"`
	Max         score.Decimal `db:"max"`
	Description string        `db:"description"`
}

// VetoItem is one yes/no item that excludes a nomination (一票否决).
type VetoItem struct {
	ID       int64  `db:"id"`
	RoundID  int64  `db:"round_id"`
	Position int    `db:"position"`
	Text     string `db:"text"`
}

// Round is a selection round (评选活动) with its categories and scoring sheet.
type Round struct {
	ID           int64         `db:"id"`
	UUID         string        `db:"uuid"`
	Year         int           `db:"year" zh:"年度"`
	Title        string        `db:"title" zh:"活动名称"`
	Organizer    string        `db:"organizer" zh:"组织单位"`
	Deadline     Date          `db:"deadline" zh:"申报截止日期"`
	NoticeDays   int           `db:"notice_days" zh:"公示期（工作日）"`
	TextLimit    int           `db:"text_limit" zh:"主要做法字数上限"`
	BonusCap     score.Decimal `db:"bonus_cap" zh:"加分上限"`
	BonusNote    string        `db:"bonus_note" zh:"加分说明"`
	NoticeStart  Date          `db:"notice_start" zh:"公示开始"`
	NoticeEnd    Date          `db:"notice_end" zh:"公示结束"`
	NamedOn      Date          `db:"named_on" zh:"命名日期"`
	CertTemplate string        `db:"cert_template" zh:"证书文字"`
	Notes        string        `db:"notes" zh:"备注"`
	Demo         bool          `db:"demo"`
	CreatedAt    string        `db:"created_at"`
	UpdatedAt    string        `db:"updated_at"`

	Categories []Category  `db:"-"`
	Criteria   []Criterion `db:"-"`
	Vetoes     []VetoItem  `db:"-"`
}

// Label names the round in messages: 评选活动“2021年度…”.
func (r Round) Label() string { return fmt.Sprintf("评选活动“%s”", r.Title) }

// MaxTotal is the highest total a reviewer can give: the criteria's maxima plus the bonus cap.
func (r Round) MaxTotal() score.Decimal {
	t := r.BonusCap
	for _, c := range r.Criteria {
		t = t.Add(c.Max)
	}
	return t
}

// Category finds a category of the round by id.
func (r Round) Category(id int64) (Category, bool) {
	for _, c := range r.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}

// DefaultCertTemplate is the certificate wording; {name}, {year}, {category}
// and {title} are filled in when printing.
const DefaultCertTemplate = "{name}：\n经评审和公示，被命名为“{year}年度党建引领{category}”。\n特发此证，以资鼓励。"

// NewRound is a round with the usual categories and scoring sheet of the
// 双百佳 selection, for the window's 新建 button.
func NewRound(year int) Round {
	y := strconv.Itoa(year)
	return Round{
		Year:         year,
		Title:        y + "年度党建引领百佳示范社区、百佳示范小区",
		Organizer:    "成都市城乡社区发展治理工作领导小组办公室",
		NoticeDays:   DefaultNoticeDays,
		TextLimit:    DefaultTextLimit,
		BonusCap:     score.FromInt(5),
		CertTemplate: DefaultCertTemplate,
		Categories: []Category{
			{Name: "百佳示范社区", NomineeKind: NomineeCommunity, Quota: 2, CertPattern: "{year}-SQ-{seq:03}"},
			{Name: "百佳示范小区", NomineeKind: NomineeCompound, Quota: 1, CertPattern: "{year}-XQ-{seq:03}"},
		},
		Criteria: []Criterion{
			{Name: "党建引领", Max: score.FromInt(20), Description: "党组织设置健全，党员作用发挥明显"},
			{Name: "居民自治", Max: score.FromInt(15), Description: "居民议事、业委会、自组织运行规范"},
			{Name: "服务", Max: score.FromInt(15), Description: "便民服务、志愿服务覆盖面广"},
			{Name: "文化", Max: score.FromInt(10), Description: "社区文化活动丰富，邻里关系和谐"},
			{Name: "平安法治", Max: score.FromInt(15), Description: "无重大安全事故和群体性事件"},
			{Name: "环境", Max: score.FromInt(10), Description: "环境整洁，设施完好"},
			{Name: "特色亮点", Max: score.FromInt(15), Description: "有可复制推广的工作法"},
		},
		Vetoes: []VetoItem{
			{Text: "发生重大安全生产事故或群体性事件"},
			{Text: "党组织软弱涣散"},
		},
	}
}

var reSeq = regexp.MustCompile(`\{seq(?::0?(\d))?\}`)

// CertNumber fills a certificate pattern.
func CertNumber(pattern string, year, seq int) string {
	s := strings.ReplaceAll(pattern, "{year}", strconv.Itoa(year))
	return reSeq.ReplaceAllStringFunc(s, func(m string) string {
		g := reSeq.FindStringSubmatch(m)
		if g[1] == "" {
			return strconv.Itoa(seq)
		}
		w, _ := strconv.Atoi(g[1])
		return fmt.Sprintf("%0*d", w, seq)
	})
}

func (r *Round) check() *checker {
	r.Title = Normalize(r.Title)
	r.Organizer = Normalize(r.Organizer)
	ck := &checker{record: r.Label()}
	ck.required("Title", "活动名称", r.Title)
	ck.maxLen("Title", "活动名称", r.Title, 80)
	if r.Year < 2000 || r.Year > 2100 {
		ck.add("Year", "年度", "%d 年不合理", r.Year)
	}
	if r.NoticeDays < 1 || r.NoticeDays > 30 {
		ck.add("NoticeDays", "公示期（工作日）", "应在 1 到 30 个工作日之间，现在是 %d", r.NoticeDays)
	}
	if r.TextLimit < 100 || r.TextLimit > 20000 {
		ck.add("TextLimit", "主要做法字数上限", "应在 100 到 20000 字之间，现在是 %d", r.TextLimit)
	}
	if len(r.Categories) == 0 {
		ck.add("Categories", "评选类别", "至少要有一个类别")
	}
	seen := map[string]bool{}
	for i := range r.Categories {
		c := &r.Categories[i]
		c.Name = Normalize(c.Name)
		c.CertPattern = strings.TrimSpace(c.CertPattern)
		c.Position = i + 1
		lbl := fmt.Sprintf("第%d个类别", i+1)
		if c.Name == "" {
			ck.add("Categories", lbl, "名称不能为空")
		} else if seen[c.Name] {
			ck.add("Categories", lbl, "“%s”重复", c.Name)
		}
		seen[c.Name] = true
		if c.NomineeKind != NomineeCommunity && c.NomineeKind != NomineeCompound {
			ck.add("Categories", lbl, "请选择评选对象是社区还是小区")
		}
		if c.Quota < 1 {
			ck.add("Categories", lbl, "“%s”的名额至少为 1，现在是 %d", c.Name, c.Quota)
		}
		if !reSeq.MatchString(c.CertPattern) {
			ck.add("Categories", lbl, "“%s”的证书编号格式须含 {seq}（序号），如 {year}-SQ-{seq:03}，现在是“%s”", c.Name, c.CertPattern)
		}
	}
	if len(r.Criteria) == 0 {
		ck.add("Criteria", "评分标准", "至少要有一项评分标准")
	}
	seen = map[string]bool{}
	for i := range r.Criteria {
		c := &r.Criteria[i]
		c.Name = Normalize(c.Name)
		c.Position = i + 1
		lbl := fmt.Sprintf("第%d项评分标准", i+1)
		if c.Name == "" {
			ck.add("Criteria", lbl, "名称不能为空")
		} else if seen[c.Name] {
			ck.add("Criteria", lbl, "“%s”重复", c.Name)
		}
		seen[c.Name] = true
		if c.Max.IsZero() || !c.Max.IsHalf() {
			ck.add("Criteria", lbl, "“%s”的满分应大于 0，且为整数或半分，现在是 %s", c.Name, c.Max)
		}
	}
	if !r.BonusCap.IsHalf() {
		ck.add("BonusCap", "加分上限", "应为整数或半分，现在是 %s", r.BonusCap)
	}
	for i := range r.Vetoes {
		r.Vetoes[i].Text = Normalize(r.Vetoes[i].Text)
		r.Vetoes[i].Position = i + 1
		if r.Vetoes[i].Text == "" {
			ck.add("Vetoes", fmt.Sprintf("第%d项否决事项", i+1), "内容不能为空")
		}
	}
	return ck
}

// ValidateRound checks r without saving.
func (s *Store) ValidateRound(r *Round) error { return r.check().err() }

// Rounds lists the rounds, newest year first, with their categories and sheet.
func (s *Store) Rounds() ([]Round, error) {
	var out []Round
	if err := s.db.Select(&out, `SELECT * FROM rounds ORDER BY year DESC, id DESC`); err != nil {
		return nil, fmt.Errorf("无法读取评选活动：%w", err)
	}
	for i := range out {
		if err := loadRoundParts(s.db, &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Round reads one round with its categories, criteria and veto items.
func (s *Store) Round(id int64) (Round, error) { return getRound(s.db, id) }

func getRound(q queryer, id int64) (Round, error) {
	var r Round
	err := q.Get(&r, `SELECT * FROM rounds WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return r, errNoID("评选活动", id)
	}
	if err != nil {
		return r, fmt.Errorf("无法读取评选活动 #%d：%w", id, err)
	}
	return r, loadRoundParts(q, &r)
}

func loadRoundParts(q queryer, r *Round) error {
	r.Categories, r.Criteria, r.Vetoes = nil, nil, nil
	if err := q.Select(&r.Categories, `SELECT * FROM round_categories WHERE round_id = ? ORDER BY position, id`, r.ID); err != nil {
		return fmt.Errorf("无法读取%s的类别：%w", r.Label(), err)
	}
	if err := q.Select(&r.Criteria, `SELECT * FROM round_criteria WHERE round_id = ? ORDER BY position, id`, r.ID); err != nil {
		return fmt.Errorf("无法读取%s的评分标准：%w", r.Label(), err)
	}
	if err := q.Select(&r.Vetoes, `SELECT * FROM round_vetoes WHERE round_id = ? ORDER BY position, id`, r.ID); err != nil {
		return fmt.Errorf("无法读取%s的否决事项：%w", r.Label(), err)
	}
	return nil
}

// SaveRound validates and saves a round with its categories, criteria and
// veto items (insert when r.ID is 0). Only the office's copy creates rounds.
// Once a score sheet exists, the criteria and the bonus cap are fixed; a
// category with nominations cannot be removed or change its nominee kind.
func (s *Store) SaveRound(r *Round) error {
	return s.Write(func(tx *Tx) error {
		if err := tx.staleRound(r); err != nil {
			return err
		}
		return tx.SaveRound(r)
	})
}

// SaveRound is SaveRound inside a transaction.
func (tx *Tx) SaveRound(r *Round) error {
	a, err := tx.actor()
	if err != nil {
		return err
	}
	return tx.saveRound(r, a)
}

func (tx *Tx) saveRound(r *Round, a actor) error {
	if r.NoticeDays == 0 {
		r.NoticeDays = DefaultNoticeDays
	}
	if r.TextLimit == 0 {
		r.TextLimit = DefaultTextLimit
	}
	if r.CertTemplate == "" {
		r.CertTemplate = DefaultCertTemplate
	}
	ck := r.check()
	ck.uniqueName(tx.q, "Title", "活动名称", r.Title, `SELECT COUNT(*) FROM rounds WHERE title = ? AND id != ?`, r.Title, r.ID)
	if err := ck.err(); err != nil {
		return err
	}
	if !a.office {
		return fmt.Errorf("%s：只有街道办事处的家园可以设立和修改评选活动，%s", r.Label(), a.why())
	}
	if r.ID == 0 {
		return tx.insertRound(r)
	}
	return tx.updateRound(r)
}

// insertRound saves a new round with its parts.
func (tx *Tx) insertRound(r *Round) error {
	if r.UUID == "" {
		r.UUID = NewUUID()
	}
	r.CreatedAt, r.UpdatedAt = tx.at, tx.at
	res, err := tx.q.NamedExec(`INSERT INTO rounds (uuid, year, title, organizer, deadline, notice_days, text_limit,
			bonus_cap, bonus_note, notice_start, notice_end, named_on, cert_template, notes, demo, created_at, updated_at)
			VALUES (:uuid, :year, :title, :organizer, :deadline, :notice_days, :text_limit,
			:bonus_cap, :bonus_note, :notice_start, :notice_end, :named_on, :cert_template, :notes, :demo, :created_at, :updated_at)`, r)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", r.Label(), err)
	}
	r.ID, _ = res.LastInsertId()
	if err := tx.saveRoundParts(r, Round{}); err != nil {
		return err
	}
	return tx.Audit(EntityRound, r.ID, r.UUID, r.Title, ActionCreate, "", Diff(Round{}, r))
}

// updateRound saves the edits of a round and its parts, if any, once
// checkRoundInUse allows them; the notice and naming dates are kept.
func (tx *Tx) updateRound(r *Round) error {
	old, err := getRound(tx.q, r.ID)
	if err != nil {
		return err
	}
	if err := tx.checkRoundInUse(old, r); err != nil {
		return err
	}
	// Notice and naming dates are set by StartNotice and Name, not here.
	r.NoticeStart, r.NoticeEnd, r.NamedOn = old.NoticeStart, old.NoticeEnd, old.NamedOn
	changes := Diff(old, r)
	partChanges, err := tx.diffRoundParts(old, r)
	if err != nil {
		return err
	}
	changes = append(changes, partChanges...)
	if len(changes) == 0 {
		return nil
	}
	r.UpdatedAt = tx.at
	_, err = tx.q.NamedExec(`UPDATE rounds SET year=:year, title=:title, organizer=:organizer, deadline=:deadline,
		notice_days=:notice_days, text_limit=:text_limit, bonus_cap=:bonus_cap, bonus_note=:bonus_note,
		cert_template=:cert_template, notes=:notes, updated_at=:updated_at WHERE id=:id`, r)
	if err != nil {
		return fmt.Errorf("无法保存%s：%w", r.Label(), err)
	}
	if err := tx.saveRoundParts(r, old); err != nil {
		return err
	}
	return tx.Audit(EntityRound, r.ID, r.UUID, r.Title, ActionUpdate, "", changes)
}

// checkRoundInUse refuses the edits that would contradict what the round already
// holds: once a score sheet exists the criteria, maxima and bonus cap are fixed;
// a category that has nominations keeps existing and keeps its kind of nominee
// (they were checked against it).
func (tx *Tx) checkRoundInUse(old Round, r *Round) error {
	var sheets int
	if err := tx.q.Get(&sheets, `SELECT COUNT(*) FROM score_sheets s JOIN nominations n ON n.id = s.nomination_id WHERE n.round_id = ?`, r.ID); err != nil {
		return fmt.Errorf("无法检查%s的评分：%w", r.Label(), err)
	}
	if sheets > 0 && (sheetShape(old) != sheetShape(*r) || old.BonusCap != r.BonusCap) {
		return fmt.Errorf("%s已有 %d 份评分表，评分标准、满分和加分上限不能再改", r.Label(), sheets)
	}
	for _, c := range old.Categories {
		var k int
		if err := tx.q.Get(&k, `SELECT COUNT(*) FROM nominations WHERE category_id = ?`, c.ID); err != nil {
			return fmt.Errorf("无法检查%s的申报：%w", r.Label(), err)
		}
		if k == 0 {
			continue
		}
		nc, ok := r.Category(c.ID)
		switch {
		case !ok:
			return fmt.Errorf("%s：类别“%s”已有 %d 份申报，不能删除", r.Label(), c.Name, k)
		case nc.NomineeKind != c.NomineeKind:
			return fmt.Errorf("%s：类别“%s”已有 %d 份申报，评选对象（%s）不能再改", r.Label(), c.Name, k, NomineeKindLabel(c.NomineeKind))
		}
	}
	return nil
}

func sheetShape(r Round) string {
	var b strings.Builder
	for _, c := range r.Criteria {
		fmt.Fprintf(&b, "%d:%s;", c.ID, c.Max)
	}
	return b.String()
}

func (tx *Tx) diffRoundParts(old Round, r *Round) ([]Change, error) {
	var out []Change
	cat := func(cs []Category) string {
		var p []string
		for _, c := range cs {
			p = append(p, fmt.Sprintf("%s（%s，名额 %d，编号 %s）", c.Name, NomineeKindLabel(c.NomineeKind), c.Quota, c.CertPattern))
		}
		return strings.Join(p, "；")
	}
	crit := func(cs []Criterion) string {
		var p []string
		for _, c := range cs {
			p = append(p, fmt.Sprintf("%s %s分", c.Name, c.Max))
		}
		return strings.Join(p, "；")
	}
	veto := func(vs []VetoItem) string {
		var p []string
		for _, v := range vs {
			p = append(p, v.Text)
		}
		return strings.Join(p, "；")
	}
	if a, b := cat(old.Categories), cat(r.Categories); a != b {
		out = append(out, Change{Field: "Categories", Label: "评选类别", Old: a, New: b})
	}
	if a, b := crit(old.Criteria), crit(r.Criteria); a != b {
		out = append(out, Change{Field: "Criteria", Label: "评分标准", Old: a, New: b})
	}
	if a, b := veto(old.Vetoes), veto(r.Vetoes); a != b {
		out = append(out, Change{Field: "Vetoes", Label: "一票否决事项", Old: a, New: b})
	}
	// Categories in use keep their kind and cannot go.
	keep := map[int64]Category{}
	for _, c := range r.Categories {
		if c.ID != 0 {
			keep[c.ID] = c
		}
	}
	for _, c := range old.Categories {
		var n int
		if err := tx.q.Get(&n, `SELECT COUNT(*) FROM nominations WHERE category_id = ?`, c.ID); err != nil {
			return nil, fmt.Errorf("无法检查类别“%s”：%w", c.Name, err)
		}
		if n == 0 {
			continue
		}
		nc, ok := keep[c.ID]
		if !ok {
			return nil, fmt.Errorf("%s：类别“%s”已有 %d 份申报，不能删除", r.Label(), c.Name, n)
		}
		if nc.NomineeKind != c.NomineeKind {
			return nil, fmt.Errorf("%s：类别“%s”已有 %d 份申报，评选对象不能再改", r.Label(), c.Name, n)
		}
	}
	return out, nil
}

// saveRoundParts writes the categories, criteria and veto items: rows with
// an id are updated, new rows inserted, rows no longer listed deleted.
func (tx *Tx) saveRoundParts(r *Round, old Round) error {
	keepCat, keepCrit := map[int64]bool{}, map[int64]bool{}
	for i := range r.Categories {
		c := &r.Categories[i]
		c.RoundID = r.ID
		if c.ID == 0 {
			res, err := tx.q.NamedExec(`INSERT INTO round_categories (round_id, position, name, nominee_kind, quota, cert_pattern)
				VALUES (:round_id, :position, :name, :nominee_kind, :quota, :cert_pattern)`, c)
			if err != nil {
				return fmt.Errorf("无法保存类别“%s”：%w", c.Name, err)
			}
			c.ID, _ = res.LastInsertId()
		} else if _, err := tx.q.NamedExec(`UPDATE round_categories SET position=:position, name=:name, nominee_kind=:nominee_kind,
				quota=:quota, cert_pattern=:cert_pattern WHERE id=:id AND round_id=:round_id`, c); err != nil {
			return fmt.Errorf("无法保存类别“%s”：%w", c.Name, err)
		}
		keepCat[c.ID] = true
	}
	for _, c := range old.Categories {
		if !keepCat[c.ID] {
			if _, err := tx.q.Exec(`DELETE FROM round_categories WHERE id = ?`, c.ID); err != nil {
				return fmt.Errorf("无法删除类别“%s”：%w", c.Name, err)
			}
		}
	}
	for i := range r.Criteria {
		c := &r.Criteria[i]
		c.RoundID = r.ID
		if c.ID == 0 {
			res, err := tx.q.NamedExec(`INSERT INTO round_criteria (round_id, position, name, max, description)
				VALUES (:round_id, :position, :name, :max, :description)`, c)
			if err != nil {
				return fmt.Errorf("无法保存评分标准“%s”：%w", c.Name, err)
			}
			c.ID, _ = res.LastInsertId()
		} else if _, err := tx.q.NamedExec(`UPDATE round_criteria SET position=:position, name=:name, max=:max,
				description=:description WHERE id=:id AND round_id=:round_id`, c); err != nil {
			return fmt.Errorf("无法保存评分标准“%s”：%w", c.Name, err)
		}
		keepCrit[c.ID] = true
	}
	for _, c := range old.Criteria {
		if !keepCrit[c.ID] {
			if _, err := tx.q.Exec(`DELETE FROM round_criteria WHERE id = ?`, c.ID); err != nil {
				return fmt.Errorf("无法删除评分标准“%s”：%w", c.Name, err)
			}
		}
	}
	if _, err := tx.q.Exec(`DELETE FROM round_vetoes WHERE round_id = ?`, r.ID); err != nil {
		return fmt.Errorf("无法保存否决事项：%w", err)
	}
	for i := range r.Vetoes {
		v := &r.Vetoes[i]
		v.RoundID = r.ID
		res, err := tx.q.NamedExec(`INSERT INTO round_vetoes (round_id, position, text) VALUES (:round_id, :position, :text)`, v)
		if err != nil {
			return fmt.Errorf("无法保存否决事项“%s”：%w", v.Text, err)
		}
		v.ID, _ = res.LastInsertId()
	}
	return nil
}

// CopyRound makes a new round for year from an earlier one: title (with the
// year replaced), organiser, categories (with their quotas and certificate
// patterns), scoring sheet, veto items and reviewers. Nominations, scores
// and dates are not copied.
func (s *Store) CopyRound(fromID int64, year int) (Round, error) {
	var r Round
	err := s.Write(func(tx *Tx) error {
		old, err := getRound(tx.q, fromID)
		if err != nil {
			return err
		}
		r = old
		oy, ny := strconv.Itoa(old.Year), strconv.Itoa(year)
		r.ID, r.UUID, r.Year, r.Demo = 0, "", year, false
		r.Title = strings.ReplaceAll(old.Title, oy, ny)
		r.Deadline, r.NoticeStart, r.NoticeEnd, r.NamedOn = Date{}, Date{}, Date{}, Date{}
		r.Categories = append([]Category(nil), old.Categories...)
		r.Criteria = append([]Criterion(nil), old.Criteria...)
		r.Vetoes = append([]VetoItem(nil), old.Vetoes...)
		for i := range r.Categories {
			r.Categories[i].ID = 0
			r.Categories[i].CertPattern = strings.ReplaceAll(r.Categories[i].CertPattern, oy, ny)
		}
		for i := range r.Criteria {
			r.Criteria[i].ID = 0
		}
		a, err := tx.actor()
		if err != nil {
			return err
		}
		if err := tx.saveRound(&r, a); err != nil {
			return err
		}
		revs, err := listReviewers(tx.q, fromID)
		if err != nil {
			return err
		}
		for _, v := range revs {
			v.ID, v.UUID, v.RoundID = 0, "", r.ID
			if err := tx.saveReviewer(&v, a); err != nil {
				return err
			}
		}
		return nil
	})
	return r, err
}

// DeleteRound removes a round that has no nominations yet.
func (s *Store) DeleteRound(id int64) error {
	return s.Write(func(tx *Tx) error {
		r, err := getRound(tx.q, id)
		if err != nil {
			return err
		}
		if a, err := tx.actor(); err != nil {
			return err
		} else if !a.office {
			return fmt.Errorf("%s：只有街道办事处的家园可以删除评选活动，%s", r.Label(), a.why())
		}
		var n int
		if err := tx.q.Get(&n, `SELECT COUNT(*) FROM nominations WHERE round_id = ?`, id); err != nil {
			return fmt.Errorf("无法检查%s：%w", r.Label(), err)
		}
		if n > 0 {
			return fmt.Errorf("%s已有 %d 份申报，不能删除", r.Label(), n)
		}
		for _, q := range []string{
			`DELETE FROM conflicts WHERE reviewer_id IN (SELECT id FROM reviewers WHERE round_id = ?)`,
			`DELETE FROM reviewer_relations WHERE reviewer_id IN (SELECT id FROM reviewers WHERE round_id = ?)`,
			`DELETE FROM round_panel WHERE round_id = ?`,
			`DELETE FROM reviewers WHERE round_id = ?`,
			`DELETE FROM round_vetoes WHERE round_id = ?`,
			`DELETE FROM round_criteria WHERE round_id = ?`,
			`DELETE FROM round_categories WHERE round_id = ?`,
			`DELETE FROM rounds WHERE id = ?`,
		} {
			if _, err := tx.q.Exec(q, id); err != nil {
				return fmt.Errorf("无法删除%s：%w", r.Label(), err)
			}
		}
		return tx.Audit(EntityRound, id, r.UUID, r.Title, ActionDelete, "", nil)
	})
}

// RoundSummary is a round with its nominations counted per state, for lists.
type RoundSummary struct {
	Round
	Counts map[State]int
	Total  int
}

// RoundSummaries lists the rounds with counts per state (newest first).
func (s *Store) RoundSummaries() ([]RoundSummary, error) {
	rs, err := s.Rounds()
	if err != nil {
		return nil, err
	}
	var rows []struct {
		RoundID int64  `db:"round_id"`
		State   string `db:"state"`
		N       int    `db:"n"`
	}
	if err := s.db.Select(&rows, `SELECT round_id, state, COUNT(*) AS n FROM nominations GROUP BY round_id, state`); err != nil {
		return nil, fmt.Errorf("无法统计申报：%w", err)
	}
	out := make([]RoundSummary, len(rs))
	idx := map[int64]int{}
	for i, r := range rs {
		out[i] = RoundSummary{Round: r, Counts: map[State]int{}}
		idx[r.ID] = i
	}
	for _, row := range rows {
		if i, ok := idx[row.RoundID]; ok {
			out[i].Counts[State(row.State)] += row.N
			out[i].Total += row.N
		}
	}
	return out, nil
}

// actor is who acts in a transaction: the office's copy or a community's.
type actor struct {
	office    bool
	role      string
	community string // the community's UUID on a community's copy
}

// why explains a refusal: what this copy is.
func (a actor) why() string {
	if a.role == "" {
		return "本机尚未在“设置”中选择使用单位（街道办事处或社区）"
	}
	return "本机是社区使用的家园"
}

// asOffice is the actor of internal jobs that run as the office (demo data).
var asOffice = actor{office: true, role: RoleOffice}

// actor reads the role inside the transaction.
func (tx *Tx) actor() (actor, error) {
	var rows []struct {
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	if err := tx.q.Select(&rows, `SELECT key, value FROM settings WHERE key IN ('role', 'community_uuid')`); err != nil {
		return actor{}, fmt.Errorf("无法读取设置：%w", err)
	}
	var a actor
	for _, r := range rows {
		switch r.Key {
		case "role":
			a.role = r.Value
		case "community_uuid":
			a.community = r.Value
		}
	}
	a.office = a.role == RoleOffice
	return a, nil
}

func init() {
	entityLabels[EntityRound] = "评选活动"
	entityLabels[EntityNomination] = "申报"
	entityLabels[EntityReviewer] = "评审"
	entityLabels[EntityScore] = "评分"
	entityLabels[EntityObjection] = "异议"
	entityLabels[EntityHoliday] = "节假日调整"
}
