package data

import (
	"strings"

	"jiayuan/data/score"
)

// SheetEntry is one line of a reviewer's paper score sheet as typed: the
// text of each criterion's box (by criterion ID), of the bonus box, and the
// veto tick.
type SheetEntry struct {
	Scores map[int64]string
	Bonus  string
	Veto   bool
}

// SheetProblem is what is wrong with one box of a typed line: the
// criterion's (CriterionID, Label its name) or the bonus's (Bonus set,
// Label 加分).
type SheetProblem struct {
	CriterionID int64
	Bonus       bool
	Label       string
	Message     string // follows Label: "“25”超过满分 20", "未填写"
}

// Text is the problem as the clerk reads it: 党建引领“25”超过满分 20.
func (p SheetProblem) Text() string { return p.Label + p.Message }

// ReadSheetEntry reads a typed line against round r's criteria and bonus
// cap: the sheet, whether the line is blank (every box empty, no veto; it
// is then not entered) and every problem of the line at once, in the order
// of its boxes. The sheet holds the values that could be read.
func ReadSheetEntry(r Round, e SheetEntry) (sh ScoreSheet, blank bool, problems []SheetProblem) {
	sh = ScoreSheet{Scores: CriterionScores{}, Veto: e.Veto}
	blank = !e.Veto && strings.TrimSpace(e.Bonus) == ""
	var empty []SheetProblem
	for _, c := range r.Criteria {
		s := strings.TrimSpace(e.Scores[c.ID])
		if s == "" {
			empty = append(empty, SheetProblem{CriterionID: c.ID, Label: c.Name, Message: "未填写"})
			continue
		}
		blank = false
		d, err := score.ParseScore(s, c.Max)
		if err != nil {
			problems = append(problems, SheetProblem{CriterionID: c.ID, Label: c.Name, Message: err.Error()})
			continue
		}
		sh.Scores[c.ID] = d
	}
	if b := strings.TrimSpace(e.Bonus); b != "" {
		d, err := score.ParseBonus(b, r.BonusCap)
		if err != nil {
			problems = append(problems, SheetProblem{Bonus: true, Label: "加分", Message: err.Error()})
		}
		sh.Bonus = d
	}
	if blank {
		return sh, true, nil
	}
	return sh, false, orderProblems(r, append(problems, empty...))
}

// orderProblems puts problems in the order of the line's boxes.
func orderProblems(r Round, ps []SheetProblem) []SheetProblem {
	var out []SheetProblem
	for _, c := range r.Criteria {
		for _, p := range ps {
			if !p.Bonus && p.CriterionID == c.ID {
				out = append(out, p)
			}
		}
	}
	for _, p := range ps {
		if p.Bonus {
			out = append(out, p)
		}
	}
	return out
}
