package documents

import (
	"fmt"
	"io"

	"jiayuan/data"
	"jiayuan/data/score"
	"jiayuan/reports"
)

// FeedbackDoc builds the 评审结果反馈 of a round: every nominee that went
// through review, or only nominationID when it is not 0. On a community's
// copy it is the feedback the office sent for the community's nominations.
func FeedbackDoc(st *data.Store, roundID, nominationID int64) (reports.FeedbackDoc, error) {
	r, err := st.Round(roundID)
	if err != nil {
		return reports.FeedbackDoc{}, err
	}
	s, err := st.Settings()
	if err != nil {
		return reports.FeedbackDoc{}, err
	}
	fbs, err := roundFeedback(st, r, s)
	if err != nil {
		return reports.FeedbackDoc{}, err
	}
	// Dated the naming day, the results it reports (the print day only for a
	// round whose naming date is not known on this copy).
	doc := reports.FeedbackDoc{Title: r.Title + "评审结果反馈", Issuer: issuer(s), Date: today(st)}
	if !r.NamedOn.IsZero() {
		doc.Date = r.NamedOn.Time()
	}
	if s.Role != data.RoleOffice {
		doc.Issuer = ""
	}
	var only data.Nomination
	if nominationID != 0 {
		if only, err = st.Nomination(nominationID); err != nil {
			return doc, err
		}
	}
	for _, f := range fbs {
		if nominationID == 0 || only.UUID == f.Nomination {
			doc.Pages = append(doc.Pages, FeedbackPage(f))
		}
	}
	if nominationID != 0 && len(doc.Pages) == 0 {
		return doc, fmt.Errorf("%s没有评审结果反馈（不属于%s，或未经评审）", only.Label(), r.Label())
	}
	return doc, nil
}

// roundFeedback is the round's feedback: computed on the office's copy, as
// received on a community's.
func roundFeedback(st *data.Store, r data.Round, s data.Settings) ([]data.Feedback, error) {
	if s.Role == data.RoleOffice {
		return st.Feedback(r.ID)
	}
	ns, err := st.Nominations(r.ID, data.NominationFilter{})
	if err != nil {
		return nil, err
	}
	var out []data.Feedback
	for _, n := range ns {
		f, ok, err := st.NominationFeedback(n.ID)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, f)
		}
	}
	return out, nil
}

// FeedbackPage is one nominee's page as printed (and as the window shows it).
func FeedbackPage(f data.Feedback) reports.FeedbackPage {
	p := reports.FeedbackPage{Category: f.Category, Nominee: f.Nominee, Community: f.Community, Outcome: f.State,
		Final: f.Final, Shared: f.Shared, Comments: f.Comments}
	switch {
	case f.Vetoed:
		p.Place = "未参加排名（一票否决）"
	case f.Rank > 0:
		p.Place = fmt.Sprintf("第%d名（共%d个）", f.Rank, f.Ranked)
	default:
		p.Place = "未参加排名（未评分）"
	}
	p.Quota = fmt.Sprintf("%d个", f.Quota)
	if f.LineScore != "" {
		p.Quota += fmt.Sprintf("，名额线%s分", f.LineScore)
	}
	for _, c := range f.Criteria {
		p.Criteria = append(p.Criteria, reports.FeedbackRow{Name: c.Name, Max: c.Max, Own: c.Own, Category: c.Category})
	}
	if c := f.Bonus; c != nil {
		p.Criteria = append(p.Criteria, reports.FeedbackRow{Name: c.Name, Max: "≤" + c.Max, Own: c.Own, Category: c.Category})
	}
	p.Note = feedbackNote(f)
	return p
}

// feedbackNote says how the final score and the averages are taken, so
// that a clerk adding up the averages knows why they need not make the
// final score: with score.TrimFrom or more sheets the final score drops the
// highest and the lowest total, while the averages use every sheet.
func feedbackNote(f data.Feedback) string {
	if f.Sheets == 0 {
		return ""
	}
	if f.Trimmed {
		return fmt.Sprintf("注：本单位共有%d份评分。最终得分为去掉一个最高分和一个最低分后其余%d份评分总分的平均分；"+
			"本单位平均分和同类平均分按全部评分计算，各项平均分相加不一定等于最终得分。", f.Sheets, f.Counted)
	}
	return fmt.Sprintf("注：本单位共有%d份评分（不足%d份，不去掉最高分和最低分）。最终得分为各份评分总分的平均分；"+
		"各项平均分均按全部评分计算，保留两位小数。", f.Sheets, score.TrimFrom)
}

// Feedback writes the 评审结果反馈 of a round (or of one nomination).
func Feedback(st *data.Store, roundID, nominationID int64, w io.Writer) error {
	doc, err := FeedbackDoc(st, roundID, nominationID)
	if err != nil {
		return err
	}
	_, f, err := settingsFonts(st)
	if err != nil {
		return err
	}
	return reports.Feedback(w, doc, f)
}
