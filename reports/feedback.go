package reports

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// FeedbackDoc is a batch of 评审结果反馈, one page a nominee.
type FeedbackDoc struct {
	Title  string // e.g. 2021年度…评审结果反馈
	Issuer string // who sends it: 华阳街道办事处
	Pages  []FeedbackPage
	Date   time.Time
}

// FeedbackPage is one nominee's feedback.
type FeedbackPage struct {
	Category  string
	Nominee   string
	Community string // a compound's community
	Outcome   string // 已命名, 未入选…
	Final     string // "" when unscored
	Place     string // 第2名（共5个）, or 未参加排名（一票否决）
	Quota     string // 2个，名额线85.50分 (printed after the label 名额)
	Criteria  []FeedbackRow
	Note      string   // under the table: how the final score and the averages are taken
	Comments  []string // the panel's comments, without names; nil when not shared
	Shared    bool     // the round shares comments (else a line says they are not)
}

// FeedbackRow is one criterion's averages.
type FeedbackRow struct {
	Name, Max, Own, Category string
}

// Feedback writes the 评审结果反馈: on portrait A4, one page for each nominee
// (a page may run over when comments are long): the outcome, final score,
// place and quota line, each criterion's average beside the category's, and
// the panel's comments when shared.
func Feedback(w io.Writer, doc FeedbackDoc, f *Fonts) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(doc.Title)
	if title == "" {
		title = "评审结果反馈"
	}
	fl := newFlow(fs, A4Portrait, "评审结果反馈“"+title+"”")
	if err := fs.gather(func() error { return checkFeedback(fl, doc) }); err != nil {
		return err
	}
	fl.running = title
	for i, p := range doc.Pages {
		if i > 0 {
			fl.newPage()
		}
		if err := feedbackPage(fl, title, doc, p); err != nil {
			return err
		}
	}
	if len(doc.Pages) == 0 {
		if err := fl.title(title, "（没有评审结果反馈）"); err != nil {
			return err
		}
	}
	return fl.render(w, title)
}

// checkFeedback checks every text before anything is drawn.
func checkFeedback(fl *flow, doc FeedbackDoc) error {
	if err := fl.checkDoc(doc.Title, doc.Issuer, nil); err != nil {
		return err
	}
	labels := "申报类别申报对象所属社区评选结果最终得分名次名额评分项目分值本单位平均分同类平均分评审意见（评审专家不具名）本次评选不公开评审意见。—0123456789.、：，年月日 "
	for _, r := range []Role{RoleHei, RoleBody, RoleKai} {
		if err := fl.need(r, labels); err != nil {
			return err
		}
	}
	for _, p := range doc.Pages {
		rec := fmt.Sprintf("申报“%s”", p.Nominee)
		for _, x := range []struct{ field, s string }{{"类别", p.Category}, {"申报对象", p.Nominee}, {"所属社区", p.Community},
			{"评选结果", p.Outcome}, {"最终得分", p.Final}, {"名次", p.Place}, {"名额", p.Quota}, {"说明", p.Note}} {
			if err := fl.fs.check(rec, x.field, x.s, RoleBody); err != nil {
				return err
			}
		}
		for _, c := range p.Criteria {
			if err := fl.fs.check(rec, "评分项目", c.Name+c.Max+c.Own+c.Category, RoleBody); err != nil {
				return err
			}
		}
		for i, c := range p.Comments {
			if err := fl.fs.check(rec, fmt.Sprintf("评审意见第%d条", i+1), c, RoleBody); err != nil {
				return err
			}
		}
	}
	return nil
}

// feedbackPage lays out one nominee's page.
func feedbackPage(fl *flow, title string, doc FeedbackDoc, p FeedbackPage) error {
	if err := fl.title(title, p.Nominee); err != nil {
		return err
	}
	const lw = 30.0
	vw := (fl.width - 2*lw) / 2
	final := p.Final
	if final == "" {
		final = "—"
	}
	pairs := []FormItem{{"申报类别", p.Category}, {"申报对象", p.Nominee}}
	if p.Community != "" {
		pairs = append(pairs, FormItem{"所属社区", p.Community})
	}
	pairs = append(pairs, FormItem{"评选结果", p.Outcome}, FormItem{"最终得分", final}, FormItem{"名次", p.Place}, FormItem{"名额", p.Quota})
	for i := 0; i < len(pairs); i += 2 {
		r := frow{minH: 10, cells: []fcell{formLabel(pairs[i].Label, lw)}}
		if i+1 < len(pairs) {
			r.cells = append(r.cells, formValue(pairs[i].Value, vw, alignLeft), formLabel(pairs[i+1].Label, lw), formValue(pairs[i+1].Value, vw, alignLeft))
		} else {
			r.cells = append(r.cells, formValue(pairs[i].Value, fl.width-lw, alignLeft))
		}
		if err := fl.row(r); err != nil {
			return err
		}
	}
	fl.gap(4)
	if err := feedbackCriteria(fl, p); err != nil {
		return err
	}
	if p.Note != "" {
		fl.gap(2)
		if err := fl.text([]span{{p.Note, RoleBody}}, 10.5, 0, 1.5, alignJustify); err != nil {
			return err
		}
	}
	fl.gap(4)
	if err := fl.text([]span{{"评审意见（评审专家不具名）", RoleHei}}, 14, 0, 1.6, alignLeft); err != nil {
		return err
	}
	comments := p.Comments
	switch {
	case !p.Shared:
		comments = []string{"本次评选不公开评审意见。"}
	case len(comments) == 0:
		comments = []string{"—"}
	}
	for i, c := range comments {
		if p.Shared && len(p.Comments) > 0 {
			c = fmt.Sprintf("%d. %s", i+1, c)
		}
		if err := fl.text([]span{{c, RoleBody}}, 12, 0, 1.6, alignJustify); err != nil {
			return err
		}
	}
	fl.gap(8)
	sign := doc.Issuer
	if !doc.Date.IsZero() {
		sign += "　" + FormatDate(doc.Date)
		if err := fl.need(RoleBody, FormatDate(doc.Date)); err != nil {
			return err
		}
	}
	return fl.text([]span{{sign, RoleBody}}, 12, 0, 1.6, alignRight)
}

// feedbackCriteria is the table of each criterion's averages.
func feedbackCriteria(fl *flow, p FeedbackPage) error {
	ws := widths([]float64{50, 15, 25, 25}, fl.width)
	cell := func(s string, i int, role Role, a align) fcell {
		return fcell{text: s, role: role, size: formPt, a: a, w: ws[i]}
	}
	head := frow{shade: true, minH: 10}
	for i, h := range []string{"评分项目", "分值", "本单位平均分", "同类平均分"} {
		head.cells = append(head.cells, cell(h, i, RoleHei, alignCenter))
	}
	if err := fl.startTable(head); err != nil {
		return err
	}
	for _, c := range p.Criteria {
		own, cat := c.Own, c.Category
		if own == "" {
			own = "—"
		}
		if cat == "" {
			cat = "—"
		}
		r := frow{minH: 9, cells: []fcell{cell(c.Name, 0, RoleBody, alignLeft), cell(c.Max, 1, RoleBody, alignCenter),
			cell(own, 2, RoleBody, alignCenter), cell(cat, 3, RoleBody, alignCenter)}}
		if err := fl.row(r); err != nil {
			return err
		}
	}
	fl.head = nil
	return nil
}
