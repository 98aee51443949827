package reports

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// The round's forms: the 申报表 of one nomination, the 评分表 of each reviewer
// (blank, or filled from the scores entered) and the 评审汇总表.

// FormItem is a label and its value in a form's facts grid.
type FormItem struct {
	Label, Value string
}

// FormScore is one criterion with its maximum points and a score (empty: blank box).
type FormScore struct {
	Name        string
	Description string // 评分标准
	Max         string
	Score       string
}

// NominationForm is one nomination's full 申报表.
type NominationForm struct {
	Title       string // e.g. 2021年度党建引领百佳示范社区、百佳示范小区申报表
	Category    string // 申报类别
	Nominee     string // 申报对象
	Community   string // 所属社区 (a compound's community; the community itself otherwise)
	Facts       []FormItem
	Methods     string // 主要做法 (long; paragraphs separated by line breaks)
	Highlights  string // 特色亮点
	SelfScores  []FormScore
	SelfTotal   string
	MaxTotal    string // sum of the maxima
	Contact     string
	Phone       string
	Opinion     string   // 社区意见
	Attachments []string // attachment names
	State       string   // e.g. 已提交（第2版）
	Submitted   string   // submission date as printed
	Printed     time.Time
}

// NominationSheet writes a nomination's 申报表: its facts in a ruled grid, the long
// texts flowing over as many pages as they need, self-scores and the opinions with
// room for seals.
func NominationSheet(w io.Writer, n NominationForm, f *Fonts) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	rec := fmt.Sprintf("申报“%s”", n.Nominee)
	fl := newFlow(fs, A4Portrait, rec)
	if err := fs.gather(func() error { return checkNominationForm(fs, rec, n) }); err != nil {
		return err
	}
	labels := "申报类别申报对象所属社区主要做法特色亮点（续）自评分评分项目分值联系人联系电话社区意见盖章街道初审意见附件材料无共份合计申报状态提交日期打印日期年月日：0123456789.、 "
	if err := fl.need(RoleHei, labels); err != nil {
		return err
	}
	if err := fl.need(RoleBody, labels); err != nil {
		return err
	}
	title := n.Title
	if strings.TrimSpace(title) == "" {
		title = "申报表"
	}
	fl.running = title + "　" + n.Nominee
	sub, err := nominationSubtitle(fl, n)
	if err != nil {
		return err
	}
	if err := fl.title(title, sub); err != nil {
		return err
	}
	const lw = 30.0 // label column
	if err := nominationFacts(fl, n, lw); err != nil {
		return err
	}
	if err := nominationLongText(fl, "主要做法", n.Methods, lw); err != nil {
		return err
	}
	if err := nominationLongText(fl, "特色亮点", n.Highlights, lw); err != nil {
		return err
	}
	if err := nominationSelfScores(fl, n, lw); err != nil {
		return err
	}
	if err := fl.row(frow{minH: 10, cells: []fcell{formLabel("附件材料", lw), formValue(attachmentList(n.Attachments), fl.width-lw, alignJustify)}}); err != nil {
		return err
	}
	if err := fl.need(RoleBody, "（盖章）"); err != nil {
		return err
	}
	if err := opinionBox(fl, "社区意见", n.Opinion, lw); err != nil {
		return err
	}
	if err := opinionBox(fl, "街道初审意见", "", lw); err != nil {
		return err
	}
	return fl.render(w, title+"（"+n.Nominee+"）")
}

// checkNominationForm checks every text of a 申报表 before anything is drawn.
func checkNominationForm(fs *fontSet, rec string, n NominationForm) error {
	fields := []struct{ field, s string }{
		{"标题", n.Title}, {"申报类别", n.Category}, {"申报对象", n.Nominee}, {"所属社区", n.Community},
		{"主要做法", n.Methods}, {"特色亮点", n.Highlights}, {"联系人", n.Contact}, {"联系电话", n.Phone},
		{"社区意见", n.Opinion}, {"状态", n.State}, {"提交日期", n.Submitted}, {"自评总分", n.SelfTotal},
	}
	for _, x := range fields {
		role := RoleBody
		if x.field == "标题" {
			role = RoleTitle
		}
		if err := fs.check(rec, x.field, x.s, role); err != nil {
			return err
		}
	}
	for _, it := range n.Facts {
		if err := fs.check(rec, it.Label, it.Label+it.Value, RoleBody); err != nil {
			return err
		}
	}
	for _, s := range n.SelfScores {
		if err := fs.check(rec, "自评分“"+s.Name+"”", s.Name+s.Max+s.Score, RoleBody); err != nil {
			return err
		}
	}
	for i, a := range n.Attachments {
		if err := fs.check(rec, fmt.Sprintf("附件第%d项", i+1), a, RoleBody); err != nil {
			return err
		}
	}
	return nil
}

// nominationSubtitle is the line under a 申报表's title: its state, submission
// and printing dates.
func nominationSubtitle(fl *flow, n NominationForm) (string, error) {
	sub := ""
	if n.State != "" {
		sub = "申报状态：" + n.State
	}
	if n.Submitted != "" {
		sub += "　提交日期：" + n.Submitted
	}
	if !n.Printed.IsZero() {
		pd := FormatDate(n.Printed)
		if err := fl.need(RoleKai, pd); err != nil {
			return "", err
		}
		sub += "　打印日期：" + pd
	}
	return sub, nil
}

// formPt is the type size of the forms' grids.
const formPt = 12.0

// formLabel is a grid cell holding a label, in 黑体, centred.
func formLabel(s string, w float64) fcell {
	return fcell{text: s, role: RoleHei, size: formPt, a: alignCenter, w: w}
}

// formValue is a grid cell holding a value.
func formValue(s string, w float64, a align) fcell {
	return fcell{text: s, role: RoleBody, size: formPt, a: a, w: w}
}

// nominationFacts draws the facts grid: two label–value pairs a row, the
// category, nominee and community first and the contact last.
func nominationFacts(fl *flow, n NominationForm, lw float64) error {
	vw := (fl.width - 2*lw) / 2
	pairs := []FormItem{{"申报类别", n.Category}, {"申报对象", n.Nominee}}
	if n.Community != "" {
		pairs = append(pairs, FormItem{"所属社区", n.Community})
	}
	pairs = append(pairs, n.Facts...)
	pairs = append(pairs, FormItem{"联系人", n.Contact}, FormItem{"联系电话", n.Phone})
	for i := 0; i < len(pairs); i += 2 {
		r := frow{minH: 10}
		r.cells = append(r.cells, formLabel(pairs[i].Label, lw))
		if i+1 < len(pairs) {
			r.cells = append(r.cells, formValue(pairs[i].Value, vw, alignJustify), formLabel(pairs[i+1].Label, lw), formValue(pairs[i+1].Value, vw, alignJustify))
		} else {
			r.cells = append(r.cells, formValue(pairs[i].Value, fl.width-lw, alignJustify))
		}
		if err := fl.row(r); err != nil {
			return err
		}
	}
	return nil
}

// nominationLongText draws a long text (主要做法, 特色亮点) in one row that splits
// across pages, its label repeated as name（续） on each continuation.
func nominationLongText(fl *flow, name, text string, lw float64) error {
	if strings.TrimSpace(text) == "" {
		text = "（未填写）"
		if err := fl.need(RoleBody, text); err != nil {
			return err
		}
	}
	c := formLabel(name, lw)
	c.cont = name + "（续）"
	v := formValue(text, fl.width-lw, alignJustify)
	v.indent = true
	return fl.row(frow{minH: 20, cells: []fcell{c, v}})
}

// nominationSelfScores draws the self-scores, if any: one row of criteria names,
// one of maxima, one of scores.
func nominationSelfScores(fl *flow, n NominationForm, lw float64) error {
	if len(n.SelfScores) == 0 {
		return nil
	}
	cols := len(n.SelfScores) + 1
	cw := (fl.width - lw) / float64(cols)
	mk := func(lbl string, get func(s FormScore) string, last string, role Role) frow {
		r := frow{minH: 9, cells: []fcell{formLabel(lbl, lw)}}
		for _, s := range n.SelfScores {
			r.cells = append(r.cells, fcell{text: get(s), role: role, size: 10.5, a: alignCenter, w: cw})
		}
		r.cells = append(r.cells, fcell{text: last, role: role, size: 10.5, a: alignCenter, w: cw})
		return r
	}
	rows := []frow{
		mk("评分项目", func(s FormScore) string { return s.Name }, "合计", RoleHei),
		mk("分值", func(s FormScore) string { return s.Max }, n.MaxTotal, RoleBody),
		mk("自评分", func(s FormScore) string { return s.Score }, n.SelfTotal, RoleBody),
	}
	rows[0].shade = true
	for _, r := range rows {
		if err := fl.row(r); err != nil {
			return err
		}
	}
	return nil
}

// attachmentList is the attachments numbered one a line, or 无.
func attachmentList(names []string) string {
	if len(names) == 0 {
		return "无"
	}
	var sb strings.Builder
	for i, a := range names {
		if i > 0 {
			sb.WriteString("\n")
		}
		fmt.Fprintf(&sb, "%d. %s", i+1, a)
	}
	return sb.String()
}

// opinionBox draws an opinion row with room for the seal and the date: the text's
// own height, then 16 mm below it for （盖章） and 年月日; 30 mm at least.
func opinionBox(fl *flow, name, text string, lw float64) error {
	v := formValue(text, fl.width-lw, alignJustify)
	v.indent = true
	v.top = true
	r := frow{cells: []fcell{formLabel(name, lw), v}}
	if err := fl.layoutRow(&r); err != nil {
		return err
	}
	r.minH = math.Max(30, r.height()+16)
	if r.height() > fl.room() {
		fl.newPage()
	}
	y0 := fl.y
	h := r.height()
	if err := fl.row(r); err != nil {
		return err
	}
	parts := []string{"（盖章）", "年", "月", "日"}
	us := make([][]unit, len(parts))
	for i, p := range parts {
		var err error
		if us[i], err = fl.shape([]span{{p, RoleBody}}, formPt); err != nil {
			return err
		}
	}
	x := fl.left + lw
	right := x + fl.width - lw - 8
	top := y0 + h - 2*formPt*ptMM - 2
	fl.op(func(d *renderer) {
		d.draw(place(us[0], right-60, 30, alignLeft), top-formPt*ptMM*1.6)
		xx := right - 44
		for i := 1; i < 4; i++ {
			d.draw(place(us[i], xx+12, 6, alignLeft), top)
			xx += 16
		}
	})
	return nil
}

// ScoreSheetDoc is the 评分表 of a round: one page per reviewer and nomination,
// blank (empty boxes) or filled with the reviewer's scores.
type ScoreSheetDoc struct {
	Title     string // e.g. 2021年度党建引领百佳示范社区、百佳示范小区评分表
	Criteria  []FormScore
	Vetoes    []string
	BonusCap  string // 0 or empty: no bonus row
	BonusNote string
	MaxTotal  string
	Note      string // printed at the foot (scoring rules)
	Pages     []ScorePage
}

// ScorePage is one reviewer's sheet for one nomination.
type ScorePage struct {
	Reviewer     string
	ReviewerUnit string
	Nominee      string // empty: a blank sheet with the nominee to be written in
	Community    string
	Category     string
	Filled       bool     // the scores below were entered
	Scores       []string // per criterion, in order (Filled)
	Bonus        string
	Total        string
	Veto         bool
	Remark       string
	Date         string
}

// ScoreSheets writes the score sheets, one page each. progress may be nil.
func ScoreSheets(ctx context.Context, w io.Writer, doc ScoreSheetDoc, f *Fonts, progress func(done, total int)) error {
	if len(doc.Pages) == 0 {
		return fmt.Errorf("没有要打印的评分表")
	}
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	fl := newFlow(fs, A4Portrait, "评分表“"+doc.Title+"”")
	if err := fs.gather(func() error { return checkScoreSheets(fl, doc) }); err != nil {
		return err
	}
	title := doc.Title
	if strings.TrimSpace(title) == "" {
		title = "评分表"
	}
	for i, p := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("打印评分表已取消：%w", err)
		}
		if err := scoreSheetPage(fl, doc, p, title); err != nil {
			return err
		}
		if progress != nil {
			progress(i+1, len(doc.Pages))
		}
	}
	return fl.render(w, title)
}

// checkScoreSheets checks every text of the score sheets before anything is drawn.
func checkScoreSheets(fl *flow, doc ScoreSheetDoc) error {
	fs, rec := fl.fs, fl.record
	if err := fl.checkDoc(doc.Title, "", []string{doc.Note, doc.BonusNote}); err != nil {
		return err
	}
	for _, c := range doc.Criteria {
		if err := fs.check(rec, "评分项目“"+c.Name+"”", c.Name+c.Description+c.Max, RoleBody); err != nil {
			return err
		}
	}
	for i, v := range doc.Vetoes {
		if err := fs.check(rec, fmt.Sprintf("一票否决第%d项", i+1), v, RoleBody); err != nil {
			return err
		}
	}
	if err := fs.check(rec, "分值", doc.BonusCap+doc.MaxTotal, RoleBody); err != nil {
		return err
	}
	labels := "申报对象所属社区申报类别评审专家单位序号评分项目评分标准分值得分加分合计一票否决事项是否存在□■是否（签名）：日期年月日备注评语说明否决本页不适用已录入0123456789.、（）　"
	for _, r := range []Role{RoleHei, RoleBody, RoleKai} {
		if err := fl.need(r, labels); err != nil {
			return err
		}
	}
	for _, p := range doc.Pages {
		prec := fmt.Sprintf("评分表（%s，%s）", p.Reviewer, p.Nominee)
		for _, x := range []struct{ field, s string }{{"评审专家", p.Reviewer + p.ReviewerUnit}, {"申报对象", p.Nominee},
			{"所属社区", p.Community}, {"申报类别", p.Category}, {"加分", p.Bonus}, {"合计", p.Total}, {"评语", p.Remark}, {"日期", p.Date}} {
			if err := fs.check(prec, x.field, x.s, RoleBody); err != nil {
				return err
			}
		}
		for _, s := range p.Scores {
			if err := fs.check(prec, "得分", s, RoleBody); err != nil {
				return err
			}
		}
	}
	return nil
}

// scoreLabelW is the label column of a score sheet's grids.
const scoreLabelW = 24.0

// scoreSheetPage draws one reviewer's sheet for one nomination on a page of its own.
func scoreSheetPage(fl *flow, doc ScoreSheetDoc, p ScorePage, title string) error {
	fl.newPage()
	if err := fl.title(title, ""); err != nil {
		return err
	}
	if err := scoreSheetHeader(fl, p); err != nil {
		return err
	}
	fl.y += 3
	if err := scoreSheetCriteria(fl, doc, p); err != nil {
		return err
	}
	if err := scoreSheetVetoes(fl, doc, p); err != nil {
		return err
	}
	fl.y += 3
	return scoreSheetSignature(fl, doc, p)
}

// scoreSheetHeader draws the nominee, category, community and reviewer grid.
func scoreSheetHeader(fl *flow, p ScorePage) error {
	lw := scoreLabelW
	vw := (fl.width - 2*lw) / 2
	reviewer := p.Reviewer
	if p.ReviewerUnit != "" {
		reviewer += "（" + p.ReviewerUnit + "）"
	}
	info := []frow{
		{minH: 10, cells: []fcell{formLabel("申报对象", lw), formValue(p.Nominee, vw, alignLeft), formLabel("申报类别", lw), formValue(p.Category, vw, alignLeft)}},
		{minH: 10, cells: []fcell{formLabel("所属社区", lw), formValue(p.Community, vw, alignLeft), formLabel("评审专家", lw), formValue(reviewer, vw, alignLeft)}},
	}
	for _, r := range info {
		if err := fl.row(r); err != nil {
			return err
		}
	}
	return nil
}

// scoreSheetCriteria draws the scoring table: a row per criterion, the bonus row
// when the round has one, and the total; the scores only on a filled sheet.
func scoreSheetCriteria(fl *flow, doc ScoreSheetDoc, p ScorePage) error {
	wNo, wName, wMax, wScore := 12.0, 30.0, 18.0, 24.0
	wDesc := fl.width - wNo - wName - wMax - wScore
	item := func(no, name, desc, max, score string) frow {
		return frow{minH: 12, cells: []fcell{formValue(no, wNo, alignCenter), formValue(name, wName, alignCenter),
			formValue(desc, wDesc, alignJustify), formValue(max, wMax, alignCenter), formValue(score, wScore, alignCenter)}}
	}
	head := frow{shade: true, minH: 9, cells: []fcell{formLabel("序号", wNo), formLabel("评分项目", wName), formLabel("评分标准", wDesc), formLabel("分值", wMax), formLabel("得分", wScore)}}
	if err := fl.row(head); err != nil {
		return err
	}
	for j, c := range doc.Criteria {
		sc := ""
		if p.Filled && j < len(p.Scores) {
			sc = p.Scores[j]
		}
		if err := fl.row(item(fmt.Sprint(j+1), c.Name, c.Description, c.Max, sc)); err != nil {
			return err
		}
	}
	if doc.BonusCap != "" && doc.BonusCap != "0" {
		b := ""
		if p.Filled {
			b = p.Bonus
		}
		if err := fl.row(item(fmt.Sprint(len(doc.Criteria)+1), "加分", doc.BonusNote, doc.BonusCap, b)); err != nil {
			return err
		}
	}
	t := ""
	if p.Filled {
		t = p.Total
	}
	return fl.row(frow{minH: 12, cells: []fcell{formLabel("合计", wNo+wName+wDesc), formValue(doc.MaxTotal, wMax, alignCenter), formValue(t, wScore, alignCenter)}})
}

// scoreSheetVetoes draws the veto items: boxes to tick on a blank sheet, the
// reviewer's answer on a filled one.
func scoreSheetVetoes(fl *flow, doc ScoreSheetDoc, p ScorePage) error {
	if len(doc.Vetoes) == 0 {
		return nil
	}
	fl.y += 3
	wv := 40.0
	if err := fl.row(frow{shade: true, minH: 9, cells: []fcell{formLabel("一票否决事项", fl.width-wv), formLabel("是否存在", wv)}}); err != nil {
		return err
	}
	for _, v := range doc.Vetoes {
		mark := "□是　　□否"
		if p.Filled {
			mark = "—"
		}
		if err := fl.row(frow{minH: 10, cells: []fcell{formValue(v, fl.width-wv, alignJustify), formValue(mark, wv, alignCenter)}}); err != nil {
			return err
		}
	}
	if !p.Filled {
		return nil
	}
	res := "否"
	if p.Veto {
		res = "是（否决）"
	}
	return fl.row(frow{minH: 10, cells: []fcell{formLabel("是否存在上述一票否决事项", fl.width-wv), formValue(res, wv, alignCenter)}})
}

// scoreSheetSignature draws the remark, the reviewer's signature and date line
// and the scoring note at the foot.
func scoreSheetSignature(fl *flow, doc ScoreSheetDoc, p ScorePage) error {
	lw := scoreLabelW
	rm := formValue(p.Remark, fl.width-lw, alignJustify)
	if err := fl.row(frow{minH: 18, cells: []fcell{formLabel("评语", lw), rm}}); err != nil {
		return err
	}
	fl.y += 6
	parts := []signPart{{"评审专家（签名）：", 48, 16}}
	if p.Filled && p.Date != "" {
		parts = append(parts, signPart{"日期：" + p.Date, 0, 0})
	} else {
		parts = append(parts, dateBlank("日期：")...)
	}
	if err := fl.signLine(formPt, parts...); err != nil {
		return err
	}
	if doc.Note == "" {
		return nil
	}
	fl.y += 2
	return fl.text([]span{{doc.Note, RoleKai}}, 10.5, 0, 1.5, alignJustify)
}

// SummaryDoc is the 评审汇总表 of a round.
type SummaryDoc struct {
	Title      string   // e.g. 2021年度…评审汇总表
	Reviewers  []string // panel members, in order
	Rule       string   // how the final score is computed
	Categories []SummaryCategory
	Notes      []string
	Date       time.Time
}

// SummaryCategory is one category's ranking.
type SummaryCategory struct {
	Heading       string // e.g. 百佳示范社区（名额 2 个）
	Quota         int
	WithCommunity bool // compounds: print each one's community
	Rows          []SummaryRow
}

// SummaryRow is one nomination in its category's ranking.
type SummaryRow struct {
	Rank      int // 0: not ranked (vetoed or unscored)
	Nominee   string
	Community string
	Totals    []SummaryTotal // per reviewer, in panel order
	Final     string
	Vetoed    bool
	Within    bool // within the quota
	TieAtLine bool // tied across the quota line
	State     string
	Spread    string // max − min of the totals ("" when fewer than two)
	SD        string // their standard deviation, two decimals
	Flag      bool   // the panel disagrees: spread over the round's threshold or an outlier
}

// SummaryTotal is one reviewer's total for a nomination.
type SummaryTotal struct {
	Total   string
	Scored  bool
	Recused bool
	Dropped bool // left out of the trimmed mean
}

// Summary writes the 评审汇总表 on landscape A4: per category each reviewer's total,
// the final score and rank, the quota line drawn in red, ties at the line marked.
func Summary(w io.Writer, doc SummaryDoc, f *Fonts) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	fl := newFlow(fs, A4Landscape, "评审汇总表“"+doc.Title+"”")
	if err := fs.gather(func() error { return checkSummary(fl, doc) }); err != nil {
		return err
	}
	title := doc.Title
	if strings.TrimSpace(title) == "" {
		title = "评审汇总表"
	}
	fl.running = title
	if err := fl.title(title, doc.Rule); err != nil {
		return err
	}
	size := 10.5
	if len(doc.Reviewers) > 9 {
		size = 9
	}
	anyCommunity := false
	for _, c := range doc.Categories {
		anyCommunity = anyCommunity || c.WithCommunity
	}
	for ci, c := range doc.Categories {
		if ci > 0 {
			fl.gap(4)
		}
		if fl.room() < 40 {
			fl.newPage()
		}
		if err := fl.text([]span{{c.Heading, RoleHei}}, 14, 0, 1.6, alignLeft); err != nil {
			return err
		}
		cols := summaryColumns{ws: summaryWidths(doc, c, anyCommunity, fl.width), size: size}
		if err := summaryTable(fl, doc, c, cols); err != nil {
			return err
		}
	}
	if err := fl.notes(3, doc.Notes); err != nil {
		return err
	}
	if err := summarySignature(fl, doc); err != nil {
		return err
	}
	return fl.render(w, title)
}

// checkSummary checks every text of the 评审汇总表 before anything is drawn.
func checkSummary(fl *flow, doc SummaryDoc) error {
	fs, rec := fl.fs, fl.record
	if err := fl.checkDoc(doc.Title, doc.Rule, doc.Notes); err != nil {
		return err
	}
	for i, r := range doc.Reviewers {
		if err := fs.check(rec, fmt.Sprintf("评审专家第%d位", i+1), r, RoleHei); err != nil {
			return err
		}
	}
	labels := "排名申报对象所属社区最终得分分差标准差备注名额内并列名额线一票否决评分分歧回避未评尚无评分（）—0123456789.、：评审组长（签字）统计人日期年月日 "
	for _, r := range []Role{RoleHei, RoleBody, RoleKai} {
		if err := fl.need(r, labels); err != nil {
			return err
		}
	}
	for _, c := range doc.Categories {
		if err := fs.check(rec, "类别", c.Heading, RoleHei); err != nil {
			return err
		}
		for _, r := range c.Rows {
			rr := fmt.Sprintf("申报“%s”", r.Nominee)
			for _, x := range []struct{ field, s string }{{"申报对象", r.Nominee}, {"所属社区", r.Community}, {"最终得分", r.Final},
				{"分差", r.Spread}, {"标准差", r.SD}, {"状态", r.State}} {
				if err := fs.check(rr, x.field, x.s, RoleBody); err != nil {
					return err
				}
			}
			for _, t := range r.Totals {
				if err := fs.check(rr, "评分", t.Total, RoleBody); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// summaryWidths gives a category's table its column widths. The reviewers' columns
// line up from one category's table to the next: a table without the 所属社区
// column gives its width to 申报对象.
func summaryWidths(doc SummaryDoc, c SummaryCategory, anyCommunity bool, width float64) []float64 {
	rel := []float64{12, 38}
	switch {
	case c.WithCommunity:
		rel = append(rel, 30)
	case anyCommunity:
		rel[1] += 30
	}
	for range doc.Reviewers {
		rel = append(rel, 24)
	}
	rel = append(rel, 22, 16, 16, 30)
	return widths(rel, width)
}

// summaryColumns are the widths and type size of a category's table.
type summaryColumns struct {
	ws   []float64
	size float64
}

func (sc summaryColumns) head(s string, i int) fcell {
	return fcell{text: s, role: RoleHei, size: sc.size, a: alignCenter, w: sc.ws[i]}
}

func (sc summaryColumns) cell(s string, i int, a align) fcell {
	return fcell{text: s, role: RoleBody, size: sc.size, a: a, w: sc.ws[i]}
}

// summaryTable draws one category's ranking under a header row repeated on every
// page, the quota line above the first row outside the quota (and not tied at it).
func summaryTable(fl *flow, doc SummaryDoc, c SummaryCategory, cols summaryColumns) error {
	head := frow{shade: true, minH: 10}
	k := 0
	head.cells = append(head.cells, cols.head("排名", k), cols.head("申报对象", k+1))
	k += 2
	if c.WithCommunity {
		head.cells = append(head.cells, cols.head("所属社区", k))
		k++
	}
	for _, r := range doc.Reviewers {
		head.cells = append(head.cells, cols.head(r, k))
		k++
	}
	head.cells = append(head.cells, cols.head("最终得分", k), cols.head("分差", k+1), cols.head("标准差", k+2), cols.head("备注", k+3))
	if err := fl.startTable(head); err != nil {
		return err
	}
	lineDrawn := false
	for ri, r := range c.Rows {
		row := summaryRow(doc, c, r, cols)
		if !lineDrawn && c.Quota > 0 && !r.Within && !r.TieAtLine && ri > 0 {
			row.rule = true
			lineDrawn = true
		}
		if err := fl.row(row); err != nil {
			return err
		}
	}
	fl.head = nil
	if len(c.Rows) == 0 {
		return fl.text([]span{{"（尚无评分）", RoleKai}}, 10.5, 0, 1.6, alignLeft)
	}
	return nil
}

// summaryRow is one nomination's row: rank, nominee (and community), each
// reviewer's total, the final score and the remarks; shaded when tied at the line.
func summaryRow(doc SummaryDoc, c SummaryCategory, r SummaryRow, cols summaryColumns) frow {
	row := frow{minH: 9}
	rank := "—"
	if r.Rank > 0 {
		rank = fmt.Sprint(r.Rank)
	}
	k := 0
	row.cells = append(row.cells, cols.cell(rank, k, alignCenter), cols.cell(r.Nominee, k+1, alignLeft))
	k += 2
	if c.WithCommunity {
		row.cells = append(row.cells, cols.cell(r.Community, k, alignLeft))
		k++
	}
	for j := range doc.Reviewers {
		row.cells = append(row.cells, cols.cell(reviewerTotal(r, j), k, alignCenter))
		k++
	}
	final := r.Final
	if final == "" {
		final = "—"
	}
	row.cells = append(row.cells, cols.cell(final, k, alignCenter), cols.cell(dash(r.Spread), k+1, alignCenter),
		cols.cell(dash(r.SD), k+2, alignCenter), cols.cell(summaryRemark(r), k+3, alignCenter))
	if r.TieAtLine {
		row.shade = true
	}
	return row
}

// reviewerTotal is how the j-th reviewer's total prints: 回避, a dropped total in
// brackets, the total, or 未评.
func reviewerTotal(r SummaryRow, j int) string {
	if j >= len(r.Totals) {
		return "未评"
	}
	t := r.Totals[j]
	switch {
	case t.Recused:
		return "回避"
	case t.Scored && t.Dropped:
		return "（" + t.Total + "）"
	case t.Scored:
		return t.Total
	}
	return "未评"
}

// summaryRemark is a row's 备注: vetoed, tied at the line or within the quota,
// then its state.
func summaryRemark(r SummaryRow) string {
	var notes []string
	switch {
	case r.Vetoed:
		notes = append(notes, "一票否决")
	case r.TieAtLine:
		notes = append(notes, "名额线并列")
	case r.Within:
		notes = append(notes, "名额内")
	}
	if r.Flag {
		notes = append(notes, "评分分歧")
	}
	if r.State != "" {
		notes = append(notes, r.State)
	}
	return strings.Join(notes, "，")
}

// dash shows an empty cell as —.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// summarySignature draws the signature line of the panel's head and the counter,
// with the date printed or left to be written in.
func summarySignature(fl *flow, doc SummaryDoc) error {
	fl.gap(6)
	parts := []signPart{{"评审组长（签字）：", 40, 14}, {"统计人（签字）：", 40, 14}}
	if !doc.Date.IsZero() {
		d := FormatDate(doc.Date)
		if err := fl.need(RoleBody, d); err != nil {
			return err
		}
		parts = append(parts, signPart{"日期：" + d, 0, 0})
	} else {
		parts = append(parts, dateBlank("日期：")...)
	}
	return fl.signLine(12, parts...)
}
