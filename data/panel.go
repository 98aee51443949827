package data

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"jiayuan/data/score"
)

// DefaultSpreadPercent is the default disagreement threshold: a spread of
// the panel's totals above 15 % of the sheet's maximum (15 points on a
// 100-point sheet) is flagged.
const DefaultSpreadPercent = 15

// PanelSettings are a round's settings for its panel: the disagreement
// threshold and whether the panel's comments go back to the nominees.
type PanelSettings struct {
	RoundID int64 `db:"round_id"`
	// Threshold is the highest spread (max − min of the totals) not flagged;
	// "" uses DefaultSpreadPercent of the sheet's maximum.
	Threshold     string `db:"spread_threshold"`
	ShareComments bool   `db:"share_comments"`
	UpdatedAt     string `db:"updated_at"`
}

// SheetMax is the sum of the criteria's maxima (the bonus left out).
func (r Round) SheetMax() score.Decimal {
	var t score.Decimal
	for _, c := range r.Criteria {
		t = t.Add(c.Max)
	}
	return t
}

// Limit is the spread above which a nomination is flagged in round r.
func (p PanelSettings) Limit(r Round) score.Decimal {
	if d, err := score.ParseDecimal(p.Threshold); err == nil {
		return d
	}
	return score.PercentOf(r.SheetMax(), DefaultSpreadPercent)
}

// PanelSettings reads a round's panel settings (the defaults when unset).
func (s *Store) PanelSettings(roundID int64) (PanelSettings, error) {
	return panelSettings(s.db, roundID)
}

func panelSettings(q queryer, roundID int64) (PanelSettings, error) {
	p := PanelSettings{RoundID: roundID}
	err := q.Get(&p, `SELECT * FROM round_panel WHERE round_id = ?`, roundID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("无法读取评审组设置：%w", err)
	}
	return p, nil
}

// SavePanelSettings saves a round's panel settings (office only). The
// threshold is empty (the default) or a score from 0 to the sheet's maximum.
func (s *Store) SavePanelSettings(p PanelSettings) error {
	return s.Write(func(tx *Tx) error {
		a, err := tx.actor()
		if err != nil {
			return err
		}
		r, err := getRound(tx.q, p.RoundID)
		if err != nil {
			return err
		}
		if !a.office {
			return fmt.Errorf("%s：只有街道办事处的家园可以设置评审组，%s", r.Label(), a.why())
		}
		p.Threshold = strings.TrimSpace(p.Threshold)
		if p.Threshold != "" {
			d, err := score.ParseDecimal(p.Threshold)
			if err == nil && d.Cmp(r.SheetMax()) > 0 {
				err = score.ErrAboveMax
			}
			if err != nil {
				return fmt.Errorf("%s：分差提示线“%s”%s", r.Label(), p.Threshold, err.Error())
			}
			p.Threshold = d.String()
		}
		old, err := panelSettings(tx.q, r.ID)
		if err != nil {
			return err
		}
		var ch []Change
		if old.Threshold != p.Threshold {
			ch = append(ch, Change{Field: "SpreadThreshold", Label: "分差提示线", Old: old.Threshold, New: p.Threshold})
		}
		if old.ShareComments != p.ShareComments {
			ch = append(ch, Change{Field: "ShareComments", Label: "向申报单位反馈评审意见", Old: display(old.ShareComments), New: display(p.ShareComments)})
		}
		if len(ch) == 0 {
			return nil
		}
		if _, err := tx.q.Exec(`INSERT INTO round_panel (round_id, spread_threshold, share_comments, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT(round_id) DO UPDATE SET spread_threshold = excluded.spread_threshold,
			share_comments = excluded.share_comments, updated_at = excluded.updated_at`,
			r.ID, p.Threshold, p.ShareComments, tx.at); err != nil {
			return fmt.Errorf("无法保存%s的评审组设置：%w", r.Label(), err)
		}
		return tx.Audit(EntityRound, r.ID, r.UUID, r.Title, ActionUpdate, "", ch)
	})
}

// Disagreement is how far the panel's totals for one nomination lie apart,
// and whether that is flagged for the panel lead to have the scores looked at.
type Disagreement struct {
	Spread score.Spread
	Limit  score.Decimal // the round's threshold
	Wide   bool          // Spread.Range > Limit
	// Outliers are the names of reviewers whose total disagrees with the
	// others' (score.OutliersOf: more than 2σ from the others' mean and at
	// least half the threshold away from it).
	Outliers []string
}

// Flagged reports whether the nomination is flagged.
func (d Disagreement) Flagged() bool { return d.Wide || len(d.Outliers) > 0 }

// Text describes the flags: 分差 20 超过 15；周某的总分偏离其他评审均值超过 2 个
// 标准差且不少于 7.5 分.
func (d Disagreement) Text() string {
	var f []string
	if d.Wide {
		f = append(f, fmt.Sprintf("分差 %s 超过 %s", d.Spread.Range, d.Limit))
	}
	if len(d.Outliers) > 0 {
		f = append(f, fmt.Sprintf("%s的总分偏离其他评审均值超过 %d 个标准差且不少于 %s 分",
			strings.Join(d.Outliers, "、"), score.OutlierSigmas, score.MinOutlierGap(d.Limit)))
	}
	return strings.Join(f, "；")
}

// DisagreementOf computes a ranked nomination's disagreement: over the
// totals of the reviewers who scored it (recused reviewers left out; the
// trimmed highest and lowest included, since they are what is in question).
func DisagreementOf(row RankRow, limit score.Decimal) Disagreement {
	var totals []score.Decimal
	var names []string
	for _, t := range row.Reviewers {
		if t.Scored && !t.Recused {
			totals = append(totals, t.Total)
			names = append(names, t.Reviewer.Name)
		}
	}
	d := Disagreement{Spread: score.SpreadOf(totals), Limit: limit}
	d.Wide = d.Spread.N >= 2 && d.Spread.Range.Cmp(limit) > 0
	for _, i := range score.OutliersOf(totals, limit) {
		d.Outliers = append(d.Outliers, names[i])
	}
	return d
}

// Disagreements computes every ranked nomination's disagreement in a round,
// keyed by nomination id.
func (s *Store) Disagreements(roundID int64) (map[int64]Disagreement, error) {
	r, err := getRound(s.db, roundID)
	if err != nil {
		return nil, err
	}
	rk, err := ranking(s.db, r)
	if err != nil {
		return nil, err
	}
	p, err := panelSettings(s.db, roundID)
	if err != nil {
		return nil, err
	}
	return disagreements(rk, p.Limit(r)), nil
}

func disagreements(rk []CategoryRanking, limit score.Decimal) map[int64]Disagreement {
	out := map[int64]Disagreement{}
	for _, c := range rk {
		for _, row := range c.Rows {
			out[row.ID] = DisagreementOf(row, limit)
		}
	}
	return out
}

// openFlags lists the flagged nominations still 评审中, as lines naming each.
func openFlags(rk []CategoryRanking, dis map[int64]Disagreement) []string {
	var out []string
	for _, c := range rk {
		for _, row := range c.Rows {
			if d := dis[row.ID]; row.State == StateReviewing && d.Flagged() {
				out = append(out, row.Label()+"："+d.Text())
			}
		}
	}
	return out
}
