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
			return err
		}
		sub += "　打印日期：" + pd
	}
	if err := fl.title(title, sub); err != nil {
		return err
	}
	const size = 12.0
	lw := 30.0 // label column
	vw := (fl.width - 2*lw) / 2
	label := func(s string, w float64) fcell {
		return fcell{text: s, role: RoleHei, size: size, a: alignCenter, w: w}
	}
	value := func(s string, w float64) fcell {
		return fcell{text: s, role: RoleBody, size: size, a: alignJustify, w: w}
	}
	pairs := []FormItem{{"申报类别", n.Category}, {"申报对象", n.Nominee}}
	if n.Community != "" {
		pairs = append(pairs, FormItem{"所属社区", n.Community})
	}
	pairs = append(pairs, n.Facts...)
	pairs = append(pairs, FormItem{"联系人", n.Contact}, FormItem{"联系电话", n.Phone})
	for i := 0; i < len(pairs); i += 2 {
		r := frow{minH: 10}
		r.cells = append(r.cells, label(pairs[i].Label, lw))
		if i+1 < len(pairs) {
			r.cells = append(r.cells, value(pairs[i].Value, vw), label(pairs[i+1].Label, lw), value(pairs[i+1].Value, vw))
		} else {
			r.cells = append(r.cells, value(pairs[i].Value, fl.width-lw))
		}
		if err := fl.row(r); err != nil {
			return err
		}
	}
	long := func(name, text string) error {
		if strings.TrimSpace(text) == "" {
			text = "（未填写）"
			if err := fl.need(RoleBody, text); err != nil {
				return err
			}
		}
		c := label(name, lw)
		c.cont = name + "（续）"
		v := value(text, fl.width-lw)
		v.indent = true
		return fl.row(frow{minH: 20, cells: []fcell{c, v}})
	}
	if err := long("主要做法", n.Methods); err != nil {
		return err
	}
	if err := long("特色亮点", n.Highlights); err != nil {
		return err
	}
	if len(n.SelfScores) > 0 {
		// Self-scores: one row of criteria names, one of maxima, one of scores.
		cols := len(n.SelfScores) + 1
		cw := (fl.width - lw) / float64(cols)
		mk := func(lbl string, get func(s FormScore) string, last string, role Role) frow {
			r := frow{minH: 9, cells: []fcell{label(lbl, lw)}}
			for _, s := range n.SelfScores {
				r.cells = append(r.cells, fcell{text: get(s), role: role, size: 10.5, a: alignCenter, w: cw})
			}
			r.cells = append(r.cells, fcell{text: last, role: role, size: 10.5, a: alignCenter, w: cw})
			return r
		}
		total := n.SelfTotal
		maxSum := n.MaxTotal
		rows := []frow{
			mk("评分项目", func(s FormScore) string { return s.Name }, "合计", RoleHei),
			mk("分值", func(s FormScore) string { return s.Max }, maxSum, RoleBody),
			mk("自评分", func(s FormScore) string { return s.Score }, total, RoleBody),
		}
		rows[0].shade = true
		for _, r := range rows {
			if err := fl.row(r); err != nil {
				return err
			}
		}
	}
	att := "无"
	if len(n.Attachments) > 0 {
		var sb strings.Builder
		for i, a := range n.Attachments {
			if i > 0 {
				sb.WriteString("\n")
			}
			fmt.Fprintf(&sb, "%d. %s", i+1, a)
		}
		att = sb.String()
	}
	if err := fl.row(frow{minH: 10, cells: []fcell{label("附件材料", lw), value(att, fl.width-lw)}}); err != nil {
		return err
	}
	// Opinions with room for the seal and the date.
	opinion := func(name, text string) error {
		v := value(text, fl.width-lw)
		v.indent = true
		v.top = true
		r := frow{cells: []fcell{label(name, lw), v}}
		if err := fl.layoutRow(&r); err != nil {
			return err
		}
		// The text's own height, then 16 mm below it for （盖章） and the date; 30 mm at least.
		r.minH = math.Max(30, r.height()+16)
		if r.height() > fl.room() {
			fl.newPage()
		}
		y0 := fl.y
		h := r.height()
		if err := fl.row(r); err != nil {
			return err
		}
		x := fl.left + lw
		parts := []string{"（盖章）", "年", "月", "日"}
		us := make([][]unit, len(parts))
		for i, p := range parts {
			var err error
			if us[i], err = fl.shape([]span{{p, RoleBody}}, size); err != nil {
				return err
			}
		}
		right := x + fl.width - lw - 8
		top := y0 + h - 2*size*ptMM - 2
		fl.op(func(d *renderer) {
			d.draw(place(us[0], right-60, 30, alignLeft), top-size*ptMM*1.6)
			xx := right - 44
			for i := 1; i < 4; i++ {
				d.draw(place(us[i], xx+12, 6, alignLeft), top)
				xx += 16
			}
		})
		return nil
	}
	if err := fl.need(RoleBody, "（盖章）"); err != nil {
		return err
	}
	if err := opinion("社区意见", n.Opinion); err != nil {
		return err
	}
	if err := opinion("街道初审意见", ""); err != nil {
		return err
	}
	return fl.render(w, title+"（"+n.Nominee+"）")
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
	rec := "评分表“" + doc.Title + "”"
	fl := newFlow(fs, A4Portrait, rec)
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
	const size = 12.0
	title := doc.Title
	if strings.TrimSpace(title) == "" {
		title = "评分表"
	}
	for i, p := range doc.Pages {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("打印评分表已取消：%w", err)
		}
		fl.newPage()
		if err := fl.title(title, ""); err != nil {
			return err
		}
		lw := 24.0
		vw := (fl.width - 2*lw) / 2
		lab := func(s string, w float64) fcell {
			return fcell{text: s, role: RoleHei, size: size, a: alignCenter, w: w}
		}
		val := func(s string, w float64, a align) fcell {
			return fcell{text: s, role: RoleBody, size: size, a: a, w: w}
		}
		reviewer := p.Reviewer
		if p.ReviewerUnit != "" {
			reviewer += "（" + p.ReviewerUnit + "）"
		}
		info := []frow{
			{minH: 10, cells: []fcell{lab("申报对象", lw), val(p.Nominee, vw, alignLeft), lab("申报类别", lw), val(p.Category, vw, alignLeft)}},
			{minH: 10, cells: []fcell{lab("所属社区", lw), val(p.Community, vw, alignLeft), lab("评审专家", lw), val(reviewer, vw, alignLeft)}},
		}
		for _, r := range info {
			if err := fl.row(r); err != nil {
				return err
			}
		}
		fl.y += 3
		wNo, wName, wMax, wScore := 12.0, 30.0, 18.0, 24.0
		wDesc := fl.width - wNo - wName - wMax - wScore
		head := frow{shade: true, minH: 9, cells: []fcell{lab("序号", wNo), lab("评分项目", wName), lab("评分标准", wDesc), lab("分值", wMax), lab("得分", wScore)}}
		if err := fl.row(head); err != nil {
			return err
		}
		for j, c := range doc.Criteria {
			sc := ""
			if p.Filled && j < len(p.Scores) {
				sc = p.Scores[j]
			}
			r := frow{minH: 12, cells: []fcell{val(fmt.Sprint(j+1), wNo, alignCenter), val(c.Name, wName, alignCenter),
				val(c.Description, wDesc, alignJustify), val(c.Max, wMax, alignCenter), val(sc, wScore, alignCenter)}}
			if err := fl.row(r); err != nil {
				return err
			}
		}
		if doc.BonusCap != "" && doc.BonusCap != "0" {
			b := ""
			if p.Filled {
				b = p.Bonus
			}
			r := frow{minH: 12, cells: []fcell{val(fmt.Sprint(len(doc.Criteria)+1), wNo, alignCenter), val("加分", wName, alignCenter),
				val(doc.BonusNote, wDesc, alignJustify), val(doc.BonusCap, wMax, alignCenter), val(b, wScore, alignCenter)}}
			if err := fl.row(r); err != nil {
				return err
			}
		}
		t := ""
		if p.Filled {
			t = p.Total
		}
		if err := fl.row(frow{minH: 12, cells: []fcell{lab("合计", wNo+wName+wDesc), val(doc.MaxTotal, wMax, alignCenter), val(t, wScore, alignCenter)}}); err != nil {
			return err
		}
		if len(doc.Vetoes) > 0 {
			fl.y += 3
			wv := 40.0
			if err := fl.row(frow{shade: true, minH: 9, cells: []fcell{lab("一票否决事项", fl.width-wv), lab("是否存在", wv)}}); err != nil {
				return err
			}
			for _, v := range doc.Vetoes {
				mark := "□是　　□否"
				if p.Filled {
					mark = "—"
				}
				if err := fl.row(frow{minH: 10, cells: []fcell{val(v, fl.width-wv, alignJustify), val(mark, wv, alignCenter)}}); err != nil {
					return err
				}
			}
			if p.Filled {
				res := "否"
				if p.Veto {
					res = "是（否决）"
				}
				if err := fl.row(frow{minH: 10, cells: []fcell{lab("是否存在上述一票否决事项", fl.width-wv), val(res, wv, alignCenter)}}); err != nil {
					return err
				}
			}
		}
		fl.y += 3
		rm := val(p.Remark, fl.width-lw, alignJustify)
		if err := fl.row(frow{minH: 18, cells: []fcell{lab("评语", lw), rm}}); err != nil {
			return err
		}
		fl.y += 6
		parts := []signPart{{"评审专家（签名）：", 48, 16}}
		if p.Filled && p.Date != "" {
			parts = append(parts, signPart{"日期：" + p.Date, 0, 0})
		} else {
			parts = append(parts, dateBlank("日期：")...)
		}
		if err := fl.signLine(size, parts...); err != nil {
			return err
		}
		if doc.Note != "" {
			fl.y += 2
			if err := fl.text([]span{{doc.Note, RoleKai}}, 10.5, 0, 1.5, alignJustify); err != nil {
				return err
			}
		}
		if progress != nil {
			progress(i+1, len(doc.Pages))
		}
	}
	return fl.render(w, title)
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
	rec := "评审汇总表“" + doc.Title + "”"
	fl := newFlow(fs, A4Landscape, rec)
	if err := fl.checkDoc(doc.Title, doc.Rule, doc.Notes); err != nil {
		return err
	}
	for i, r := range doc.Reviewers {
		if err := fs.check(rec, fmt.Sprintf("评审专家第%d位", i+1), r, RoleHei); err != nil {
			return err
		}
	}
	labels := "排名申报对象所属社区最终得分备注名额内并列名额线一票否决回避未评尚无评分（）—0123456789.、：评审组长（签字）统计人日期年月日 "
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
			for _, x := range []struct{ field, s string }{{"申报对象", r.Nominee}, {"所属社区", r.Community}, {"最终得分", r.Final}, {"状态", r.State}} {
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
		// The reviewers' columns line up from one category's table to the next: a table
		// without the 所属社区 column gives its width to 申报对象.
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
		rel = append(rel, 22, 30)
		ws := widths(rel, fl.width)
		hd := func(s string, i int) fcell {
			return fcell{text: s, role: RoleHei, size: size, a: alignCenter, w: ws[i]}
		}
		cl := func(s string, i int, a align) fcell {
			return fcell{text: s, role: RoleBody, size: size, a: a, w: ws[i]}
		}
		head := frow{shade: true, minH: 10}
		k := 0
		head.cells = append(head.cells, hd("排名", k), hd("申报对象", k+1))
		k += 2
		if c.WithCommunity {
			head.cells = append(head.cells, hd("所属社区", k))
			k++
		}
		for _, r := range doc.Reviewers {
			head.cells = append(head.cells, hd(r, k))
			k++
		}
		head.cells = append(head.cells, hd("最终得分", k), hd("备注", k+1))
		if err := fl.layoutRow(&head); err != nil {
			return err
		}
		fl.head = []frow{head}
		if fl.room() < head.height()+10 {
			fl.newPage()
		} else {
			fl.placeRow(head)
		}
		lineDrawn := false
		for ri, r := range c.Rows {
			row := frow{minH: 9}
			rank := "—"
			if r.Rank > 0 {
				rank = fmt.Sprint(r.Rank)
			}
			k := 0
			row.cells = append(row.cells, cl(rank, k, alignCenter), cl(r.Nominee, k+1, alignLeft))
			k += 2
			if c.WithCommunity {
				row.cells = append(row.cells, cl(r.Community, k, alignLeft))
				k++
			}
			for j := range doc.Reviewers {
				s := "未评"
				if j < len(r.Totals) {
					t := r.Totals[j]
					switch {
					case t.Recused:
						s = "回避"
					case t.Scored && t.Dropped:
						s = "（" + t.Total + "）"
					case t.Scored:
						s = t.Total
					}
				}
				row.cells = append(row.cells, cl(s, k, alignCenter))
				k++
			}
			final := r.Final
			if final == "" {
				final = "—"
			}
			var notes []string
			switch {
			case r.Vetoed:
				notes = append(notes, "一票否决")
			case r.TieAtLine:
				notes = append(notes, "名额线并列")
			case r.Within:
				notes = append(notes, "名额内")
			}
			if r.State != "" {
				notes = append(notes, r.State)
			}
			row.cells = append(row.cells, cl(final, k, alignCenter), cl(strings.Join(notes, "，"), k+1, alignCenter))
			if r.TieAtLine {
				row.shade = true
			}
			// The quota line runs above the first row outside the quota (and not tied at it).
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
			if err := fl.text([]span{{"（尚无评分）", RoleKai}}, 10.5, 0, 1.6, alignLeft); err != nil {
				return err
			}
		}
	}
	if len(doc.Notes) > 0 {
		fl.gap(3)
		for _, n := range doc.Notes {
			if err := fl.text([]span{{n, RoleKai}}, 10.5, 0, 1.5, alignJustify); err != nil {
				return err
			}
		}
	}
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
	if err := fl.signLine(12, parts...); err != nil {
		return err
	}
	return fl.render(w, title)
}
