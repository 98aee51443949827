package documents

import (
	"fmt"
	"io"

	"jiayuan/data"
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
	doc := reports.FeedbackDoc{Title: r.Title + "评审结果反馈", Issuer: issuer(s), Date: today(st)}
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
		p.Place = fmt.Sprintf("第 %d 名（共 %d 个）", f.Rank, f.Ranked)
	default:
		p.Place = "未参加排名（未评分）"
	}
	p.Quota = fmt.Sprintf("名额 %d 个", f.Quota)
	if f.LineScore != "" {
		p.Quota += fmt.Sprintf("，名额线 %s 分", f.LineScore)
	}
	for _, c := range f.Criteria {
		p.Criteria = append(p.Criteria, reports.FeedbackRow{Name: c.Name, Max: c.Max, Own: c.Own, Category: c.Category})
	}
	return p
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
