package documents

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"jiayuan/data"
	"jiayuan/reports"
)

// Fill replaces the template placeholders with vals, keyed by the English
// names: {year} and its Chinese name {年度} alike (data.TemplateNames), so
// templates saved before the Chinese names keep working.
func Fill(tmpl string, vals map[string]string) string {
	pairs := make([]string, 0, 4*len(vals))
	for k, v := range vals {
		pairs = append(pairs, "{"+k+"}", v)
		if zh, ok := data.TemplateNames[k]; ok {
			pairs = append(pairs, "{"+zh+"}", v)
		}
	}
	return strings.NewReplacer(pairs...).Replace(tmpl)
}

// paragraphs splits a filled template into its non-empty lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// aroundList splits a template's paragraphs where the list goes: after the first
// paragraph that announces it ("以下" as in 拟命名以下对象); with no such paragraph
// the list follows the whole text.
func aroundList(paras []string) (before, after []string) {
	for i, p := range paras {
		if strings.Contains(p, "以下") {
			return paras[:i+1], paras[i+1:]
		}
	}
	return paras, nil
}

// noticePeriod is the round's notice period; before the notice is published it is
// the period that would start on the first working day from today.
func noticePeriod(st *data.Store, r data.Round) (start, end time.Time, err error) {
	if !r.NoticeStart.IsZero() && !r.NoticeEnd.IsZero() {
		return r.NoticeStart.Time(), r.NoticeEnd.Time(), nil
	}
	cal, err := st.Calendar()
	if err != nil {
		return start, end, err
	}
	t := today(st)
	start = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
	for i := 0; i < 30 && !cal.IsWorkday(start); i++ {
		start = start.AddDate(0, 0, 1)
	}
	days := r.NoticeDays
	if days < 1 {
		days = data.DefaultNoticeDays
	}
	end, err = cal.PeriodEnd(start, days)
	if err != nil {
		return start, end, fmt.Errorf("无法计算公示期：%w", err)
	}
	return start, end, nil
}

// Values are the placeholder values of a round's templates.
func Values(st *data.Store, s data.Settings, r data.Round) (map[string]string, error) {
	start, end, err := noticePeriod(st, r)
	if err != nil {
		return nil, err
	}
	days := r.NoticeDays
	if days < 1 {
		days = data.DefaultNoticeDays
	}
	return map[string]string{
		"year": strconv.Itoa(r.Year), "title": r.Title, "organizer": r.Organizer, "office": s.OfficeName,
		"days": strconv.Itoa(days), "start": reports.FormatDate(start), "end": reports.FormatDate(end),
		"hotline": s.Hotline, "address": s.Address, "contact": s.ContactPerson, "phone": s.ContactPhone,
	}, nil
}

// issuer is the unit that signs the notice and the decision.
func issuer(s data.Settings) string {
	if strings.TrimSpace(s.IssuingUnit) != "" {
		return s.IssuingUnit
	}
	return s.OfficeName
}

// contactLines are the notice's contact paragraphs, those the settings have.
func contactLines(s data.Settings) []string {
	var out []string
	var who []string
	if s.ContactPerson != "" {
		who = append(who, "联系人："+s.ContactPerson)
	}
	if s.ContactPhone != "" {
		who = append(who, "联系电话："+s.ContactPhone)
	}
	if len(who) > 0 {
		out = append(out, strings.Join(who, "　"))
	}
	if s.Hotline != "" {
		out = append(out, "监督电话："+s.Hotline)
	}
	if s.Address != "" {
		out = append(out, "通讯地址："+s.Address)
	}
	return out
}

// listed groups a round's nominations in the given states by category, in the
// order of the ranking, as the notice and the decision list them.
func listed(st *data.Store, r data.Round, states ...data.State) ([]reports.ListGroup, int, error) {
	rk, err := st.Ranking(r.ID)
	if err != nil {
		return nil, 0, err
	}
	want := map[data.State]bool{}
	for _, s := range states {
		want[s] = true
	}
	var groups []reports.ListGroup
	total := 0
	for _, c := range rk {
		var items []reports.ListItem
		for _, row := range c.Rows {
			if !want[row.State] {
				continue
			}
			d, err := st.PrintValues(row.Nomination) // as submitted
			if err != nil {
				return nil, 0, err
			}
			it := reports.ListItem{Name: d.NomineeName}
			if row.NomineeKind == data.NomineeCompound {
				it.Community = d.CommunityName
			}
			items = append(items, it)
		}
		if len(items) == 0 {
			continue
		}
		total += len(items)
		groups = append(groups, reports.ListGroup{
			Heading: fmt.Sprintf("%s、%s（%d个）", chineseOrdinal(len(groups)+1), c.Category.Name, len(items)),
			Items:   items,
		})
	}
	return groups, total, nil
}

// NoticeTitle is the notice's title for a round.
func NoticeTitle(r data.Round) string { return "关于" + r.Title + "拟命名对象的公示" }

// DecisionTitle is the naming decision's title for a round.
func DecisionTitle(r data.Round) string { return "关于命名" + r.Title + "的决定" }

// NoticeDoc builds the 公示 notice of a round: the nominees on notice (or, before
// the notice is published, those proposed), the body from the settings' template.
func NoticeDoc(st *data.Store, roundID int64) (reports.NoticeDoc, data.Settings, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return reports.NoticeDoc{}, data.Settings{}, err
	}
	s, err := st.Settings()
	if err != nil {
		return reports.NoticeDoc{}, s, err
	}
	groups, n, err := listed(st, r, data.StateOnNotice, data.StateNamed, data.StateRemoved, data.StateRevoked)
	if err == nil && n == 0 {
		groups, n, err = listed(st, r, data.StateProposed)
	}
	if err != nil {
		return reports.NoticeDoc{}, s, err
	}
	if n == 0 {
		return reports.NoticeDoc{}, s, fmt.Errorf("%s还没有拟命名对象，无法打印公示", r.Label())
	}
	vals, err := Values(st, s, r)
	if err != nil {
		return reports.NoticeDoc{}, s, fmt.Errorf("%s：%w", r.Label(), err)
	}
	date := today(st)
	if !r.NoticeStart.IsZero() {
		date = r.NoticeStart.Time()
	}
	before, after := aroundList(paragraphs(Fill(s.Notice(), vals)))
	return reports.NoticeDoc{
		Title:     NoticeTitle(r),
		Body:      before,
		Groups:    groups,
		Objection: after,
		Contact:   contactLines(s),
		Issuer:    issuer(s),
		Date:      date,
	}, s, nil
}

// Notice writes a round's 公示 notice, with the settings' 版头 for it.
func Notice(st *data.Store, roundID int64, w io.Writer) error {
	return NoticeWith(st, roundID, w, PrintOptions{})
}

// NoticeWith writes a round's 公示 notice; when it has a 版头 its 发文字号 is
// the recorded one, else opt's or the next free one, recorded once printed.
func NoticeWith(st *data.Store, roundID int64, w io.Writer, opt PrintOptions) error {
	doc, s, err := NoticeDoc(st, roundID)
	if err != nil {
		return err
	}
	f, err := Fonts(s)
	if err != nil {
		return err
	}
	doc.Addressee = s.NoticeAddressee
	wh, err := officialParts(st, s, roundID, data.DocNotice, &doc, opt)
	if err != nil {
		return err
	}
	return issue(st, roundID, data.DocNotice, wh, doc.Date, w, func(w io.Writer) error { return reports.Notice(w, doc, f) })
}

// Decision writes a round's 命名决定 with the named list.
func Decision(st *data.Store, roundID int64, w io.Writer) error {
	return DecisionWith(st, roundID, w, PrintOptions{})
}

// DecisionWith writes a round's 命名决定: 版头 and 版记 from the settings, the
// 发文字号 as NoticeWith has it.
func DecisionWith(st *data.Store, roundID int64, w io.Writer, opt PrintOptions) error {
	doc, s, err := DecisionDoc(st, roundID)
	if err != nil {
		return err
	}
	f, err := Fonts(s)
	if err != nil {
		return err
	}
	wh, err := officialParts(st, s, roundID, data.DocDecision, &doc, opt)
	if err != nil {
		return err
	}
	return issue(st, roundID, data.DocDecision, wh, doc.Date, w, func(w io.Writer) error { return reports.Decision(w, doc, f) })
}

// DecisionDoc builds the 命名决定 of a round without its 版头 and 版记.
func DecisionDoc(st *data.Store, roundID int64) (reports.DecisionDoc, data.Settings, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return reports.DecisionDoc{}, data.Settings{}, err
	}
	s, err := st.Settings()
	if err != nil {
		return reports.DecisionDoc{}, s, err
	}
	groups, n, err := listed(st, r, data.StateNamed)
	if err != nil {
		return reports.DecisionDoc{}, s, err
	}
	if n == 0 {
		return reports.DecisionDoc{}, s, fmt.Errorf("%s还没有已命名的对象，无法打印命名决定", r.Label())
	}
	vals, err := Values(st, s, r)
	if err != nil {
		return reports.DecisionDoc{}, s, fmt.Errorf("%s：%w", r.Label(), err)
	}
	date := today(st)
	if !r.NamedOn.IsZero() {
		date = r.NamedOn.Time()
	}
	addressee := s.DecisionAddressee
	if strings.TrimSpace(addressee) == "" {
		addressee = "各社区："
	}
	before, after := aroundList(paragraphs(Fill(s.Decision(), vals)))
	return reports.DecisionDoc{
		Title:     DecisionTitle(r),
		Addressee: addressee,
		Body:      before,
		Groups:    groups,
		Objection: after,
		Issuer:    issuer(s),
		Date:      date,
	}, s, nil
}

// CertBatch builds the certificates of a round's named nominees, with their numbers.
func CertBatch(st *data.Store, roundID int64) (reports.CertBatch, data.Settings, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return reports.CertBatch{}, data.Settings{}, err
	}
	s, err := st.Settings()
	if err != nil {
		return reports.CertBatch{}, s, err
	}
	named, err := st.Named(roundID)
	if err != nil {
		return reports.CertBatch{}, s, err
	}
	if len(named) == 0 {
		return reports.CertBatch{}, s, fmt.Errorf("%s还没有已命名的对象，无法打印证书", r.Label())
	}
	lay, err := ParseCertLayout(s.CertLayout)
	if err != nil {
		return reports.CertBatch{}, s, err
	}
	b := reports.CertBatch{
		Title:     lay.Title,
		Issuer:    s.CertIssuer,
		DateStyle: certDateStyle(s, lay),
		Paper:     lay.paper(),
		// A seal set prints on stock too, unless 设置 turns it off there.
		NoSealOnStock: s.CertStockSeal == "off",
	}
	if b.Issuer == "" {
		b.Issuer = issuer(s)
	}
	b.Date = today(st)
	if !r.NamedOn.IsZero() {
		b.Date = r.NamedOn.Time()
	}
	if lay.Stock {
		sl := lay.stock()
		b.Stock = &sl
	}
	if lay.Seal != "" {
		if b.Seal, err = readSeal(lay.Seal); err != nil {
			return b, s, err
		}
	}
	tmpl := r.CertTemplate
	if strings.TrimSpace(tmpl) == "" {
		tmpl = data.DefaultCertTemplate
	}
	for _, e := range named {
		d, err := st.PrintValues(e.Nomination) // the name as submitted
		if err != nil {
			return b, s, err
		}
		vals := map[string]string{"name": d.NomineeName, "year": strconv.Itoa(r.Year), "category": e.Category.Name, "title": r.Title}
		paras := paragraphs(Fill(tmpl, vals))
		// The recipient's line ("滨江社区：") is drawn by the certificate itself.
		if len(paras) > 0 && strings.Contains(tmpl[:strings.IndexAny(tmpl+"\n", "\n")], "{name}") {
			paras = paras[1:]
		}
		if paras == nil {
			paras = []string{}
		}
		b.Certs = append(b.Certs, reports.Cert{Number: e.Certificate, Name: d.NomineeName, Honour: paras})
	}
	return b, s, nil
}

// Certificates writes the certificates of a round's named nominees, one page
// each. progress may be nil; cancelling ctx stops the batch.
func Certificates(ctx context.Context, st *data.Store, roundID int64, w io.Writer, progress func(done, total int)) error {
	b, s, err := CertBatch(st, roundID)
	if err != nil {
		return err
	}
	f, err := Fonts(s)
	if err != nil {
		return err
	}
	return reports.Certificates(ctx, w, b, f, progress)
}

// Calibration writes the calibration page for the certificate paper of layout.
func Calibration(w io.Writer, layout CertLayout) error {
	return reports.Calibration(w, layout.paper(), nil)
}

// scoreStates are the nominations a reviewer may have a sheet for.
var scoreStates = []data.State{data.StatePassed, data.StateReviewing, data.StateProposed, data.StateNotSelected,
	data.StateOnNotice, data.StateNamed, data.StateRemoved, data.StateRevoked}

// ScoreSheetDoc builds the 评分表 of a round: for each reviewer, one sheet per
// nomination they are not recused from, filled where they have entered scores.
func ScoreSheetDoc(st *data.Store, roundID int64) (reports.ScoreSheetDoc, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return reports.ScoreSheetDoc{}, err
	}
	revs, err := st.Reviewers(roundID)
	if err != nil {
		return reports.ScoreSheetDoc{}, err
	}
	noms, err := scoredNominations(st, r)
	if err != nil {
		return reports.ScoreSheetDoc{}, err
	}
	sheets, err := st.ScoreSheets(roundID)
	if err != nil {
		return reports.ScoreSheetDoc{}, err
	}
	by := map[[2]int64]data.ScoreSheet{}
	for _, sh := range sheets {
		by[[2]int64{sh.NominationID, sh.ReviewerID}] = sh
	}
	doc := scoreSheetHead(r)
	if len(revs) == 0 {
		revs = []data.Reviewer{{}}
	}
	for _, v := range revs {
		pages := 0
		for _, n := range noms {
			if v.ID != 0 {
				rec, err := st.Recused(v.ID, n)
				if err != nil {
					return doc, err
				}
				if rec {
					continue
				}
			}
			doc.Pages = append(doc.Pages, scorePage(r, v, n, by))
			pages++
		}
		if pages == 0 { // nothing to score yet: a blank sheet to write the nominee in
			doc.Pages = append(doc.Pages, reports.ScorePage{Reviewer: v.Name, ReviewerUnit: v.Unit})
		}
	}
	return doc, nil
}

// scoredNominations are the round's nominations a reviewer may score, by
// category as the round orders them, then as they were entered, with the
// names as submitted (their snapshots).
func scoredNominations(st *data.Store, r data.Round) ([]data.Nomination, error) {
	noms, err := st.Nominations(r.ID, data.NominationFilter{States: scoreStates})
	if err != nil {
		return nil, err
	}
	catPos := map[int64]int{}
	for _, c := range r.Categories {
		catPos[c.ID] = c.Position
	}
	sort.SliceStable(noms, func(i, j int) bool {
		if a, b := catPos[noms[i].CategoryID], catPos[noms[j].CategoryID]; a != b {
			return a < b
		}
		return noms[i].ID < noms[j].ID
	})
	for i, n := range noms { // the names as submitted
		d, err := st.PrintValues(n)
		if err != nil {
			return nil, err
		}
		noms[i].NomineeName, noms[i].CommunityName, noms[i].CategoryName = d.NomineeName, d.CommunityName, d.CategoryName
	}
	return noms, nil
}

// scoreSheetHead is what every page of the round's 评分表 shows: the
// criteria, the veto items, the bonus and the note.
func scoreSheetHead(r data.Round) reports.ScoreSheetDoc {
	doc := reports.ScoreSheetDoc{
		Title:    r.Title + "评分表",
		MaxTotal: r.MaxTotal().String(),
		Note:     "说明：每项得分不超过该项分值，以0.5分为最小单位；存在一票否决事项之一的，该申报不参加排名。本表由评审专家本人填写并签名，涂改处须签名确认。",
	}
	for _, c := range r.Criteria {
		doc.Criteria = append(doc.Criteria, reports.FormScore{Name: c.Name, Description: c.Description, Max: c.Max.String()})
	}
	for _, v := range r.Vetoes {
		doc.Vetoes = append(doc.Vetoes, v.Text)
	}
	if !r.BonusCap.IsZero() {
		doc.BonusCap = r.BonusCap.String()
		doc.BonusNote = r.BonusNote
		if doc.BonusNote == "" {
			doc.BonusNote = fmt.Sprintf("特色突出、获上级表彰等酌情加分，不超过%s分", r.BonusCap)
		}
	}
	return doc
}

// scorePage is reviewer v's sheet for nomination n, filled from the sheet
// entered for them (by nomination and reviewer id), if any.
func scorePage(r data.Round, v data.Reviewer, n data.Nomination, by map[[2]int64]data.ScoreSheet) reports.ScorePage {
	p := reports.ScorePage{Reviewer: v.Name, ReviewerUnit: v.Unit, Nominee: n.NomineeName,
		Community: n.CommunityName, Category: n.CategoryName}
	sh, ok := by[[2]int64{n.ID, v.ID}]
	if !ok {
		return p
	}
	p.Filled = true
	for _, c := range r.Criteria {
		p.Scores = append(p.Scores, sh.Scores[c.ID].String())
	}
	p.Bonus = sh.Bonus.String()
	p.Total = sh.Sheet(r).Total(r.BonusCap).String()
	p.Veto = sh.Veto
	p.Remark = sh.Note
	if d := dateOf(sh.UpdatedAt); !d.IsZero() {
		p.Date = reports.FormatDate(d)
	}
	return p
}

// ScoreSheets writes a round's score sheets: blank for each reviewer and
// nomination not yet scored, filled where scores were entered.
func ScoreSheets(ctx context.Context, st *data.Store, roundID int64, w io.Writer, progress func(done, total int)) error {
	doc, err := ScoreSheetDoc(st, roundID)
	if err != nil {
		return err
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	return reports.ScoreSheets(ctx, w, doc, f, progress)
}

// BlankScoreSheets writes the round's score sheets with no scores in them, even
// where scores were entered: one per reviewer and nomination, to score on paper.
func BlankScoreSheets(ctx context.Context, st *data.Store, roundID int64, w io.Writer, progress func(done, total int)) error {
	doc, err := ScoreSheetDoc(st, roundID)
	if err != nil {
		return err
	}
	for i, p := range doc.Pages {
		doc.Pages[i] = reports.ScorePage{Reviewer: p.Reviewer, ReviewerUnit: p.ReviewerUnit,
			Nominee: p.Nominee, Community: p.Community, Category: p.Category}
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	return reports.ScoreSheets(ctx, w, doc, f, progress)
}

// SummaryDoc builds the 评审汇总表 of a round from its ranking.
func SummaryDoc(st *data.Store, roundID int64) (reports.SummaryDoc, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return reports.SummaryDoc{}, err
	}
	revs, err := st.Reviewers(roundID)
	if err != nil {
		return reports.SummaryDoc{}, err
	}
	rk, err := st.Ranking(roundID)
	if err != nil {
		return reports.SummaryDoc{}, err
	}
	dis, err := st.Disagreements(roundID)
	if err != nil {
		return reports.SummaryDoc{}, err
	}
	doc := reports.SummaryDoc{
		Title: r.Title + "评审汇总表",
		Rule:  fmt.Sprintf("评审组%d人；评分满5份的，去掉一个最高分和一个最低分后取平均分，不足5份的取平均分", len(revs)),
	}
	for _, v := range revs {
		doc.Reviewers = append(doc.Reviewers, v.Name)
	}
	notes := []string{"（）内为计算平均分时去掉的最高分和最低分；“回避”为与申报对象有利害关系的评审专家未参加评分；红色粗线为名额线。",
		"分差为各评审总分的最高分减最低分，标准差为总体标准差（除以评审人数）；分差超过提示线，或某评审总分偏离其他评审均值超过 2 个标准差且相差不少于提示线的一半的，标“评分分歧”。"}
	var flags []string
	for i, c := range rk {
		sc := reports.SummaryCategory{
			Heading:       fmt.Sprintf("%s、%s（名额%d个）", chineseOrdinal(i+1), c.Category.Name, c.Category.Quota),
			Quota:         c.Category.Quota,
			WithCommunity: c.Category.NomineeKind == data.NomineeCompound,
		}
		for _, row := range c.Rows {
			d, err := st.PrintValues(row.Nomination) // as submitted
			if err != nil {
				return doc, err
			}
			sr := reports.SummaryRow{Rank: row.Rank, Nominee: d.NomineeName, Community: d.CommunityName,
				Final: row.Result.Display, Vetoed: row.Vetoed(), Within: row.WithinQuota, TieAtLine: row.TieAtLine,
				State: row.State.Label()}
			if d := dis[row.ID]; d.Spread.N > 0 {
				sr.SD, sr.Flag = d.Spread.SDDisplay, d.Flagged()
				if d.Spread.N > 1 {
					sr.Spread = d.Spread.Range.String()
				}
				if d.Flagged() {
					flags = append(flags, row.NomineeName+"："+d.Text())
				}
			}
			for _, t := range row.Reviewers {
				sr.Totals = append(sr.Totals, reports.SummaryTotal{Total: t.Total.String(), Scored: t.Scored, Recused: t.Recused, Dropped: t.Dropped})
			}
			sc.Rows = append(sc.Rows, sr)
		}
		if c.SeatsAtLine > 0 {
			notes = append(notes, fmt.Sprintf("%s：名额线上有得分相同的申报（标“名额线并列”），剩余名额%d个，须由街道办事处会议研究确定。", c.Category.Name, c.SeatsAtLine))
		}
		if c.Scored < c.Expected {
			notes = append(notes, fmt.Sprintf("%s：应评%d份，已评%d份，评分尚未完成。", c.Category.Name, c.Expected, c.Scored))
		}
		doc.Categories = append(doc.Categories, sc)
	}
	if len(flags) > 0 {
		notes = append(notes, "评分分歧："+strings.Join(flags, "；")+"。")
	}
	doc.Notes = notes
	return doc, nil
}

// Summary writes a round's 评审汇总表.
func Summary(st *data.Store, roundID int64, w io.Writer) error {
	doc, err := SummaryDoc(st, roundID)
	if err != nil {
		return err
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	return reports.Summary(w, doc, f)
}
