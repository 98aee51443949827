package data

import "fmt"

// StageState is where a round's stage stands.
type StageState int

const (
	StageWaiting StageState = iota // not reached yet
	StageDone                      // behind the round
	StageCurrent                   // where the round's work is now
	StageBlocked                   // cannot go on until something else is done (Why says what)
)

// Label is the state in Chinese, as the stepper says it.
func (s StageState) Label() string {
	switch s {
	case StageDone:
		return "已完成"
	case StageCurrent:
		return "当前"
	case StageBlocked:
		return "受阻"
	}
	return "未开始"
}

// The stages of a round, in order (their index in RoundStages).
const (
	StageSettings = iota
	StageApply
	StageCheck
	StageReview
	StageRank
	StageNotice
	StageNaming
)

// StageNames are the stages' names, in order.
var StageNames = []string{"设置", "申报", "初审", "评审", "排名", "公示", "命名"}

// Stage is one stage of a round as the window shows it: its name, its
// count (已审 2/2), its state and, when blocked, why.
type Stage struct {
	Name  string
	Count string
	State StageState
	Why   string
}

// stageFacts are what a round's stages are judged from.
type stageFacts struct {
	r                      Round
	today                  Date
	all, drafts, submitted int // nominations; drafts and sent back; submitted or further
	checkDue, checked      int
	reviewing, proposed    int // in review; proposed, on notice or named
	onNotice               int
	owed, scored, expected int // score sheets in review
	quota, reviewers       int
	objections, pending    int
	named                  int
}

// RoundStages is each stage of round roundID, in the order of StageNames,
// with its count, its state and, for a blocked one, why.
func (s *Store) RoundStages(roundID int64) ([]Stage, error) {
	f, err := s.stageFacts(roundID)
	if err != nil {
		return nil, err
	}
	out := make([]Stage, len(StageNames))
	for i, name := range StageNames {
		out[i] = Stage{Name: name, Count: f.count(i)}
	}
	cur := f.current()
	for i := range out {
		switch {
		case i < cur:
			out[i].State = StageDone
		case i == cur:
			out[i].State = StageCurrent
		}
		if why := f.blocked(i); why != "" && out[i].State != StageDone {
			out[i].State, out[i].Why = StageBlocked, why
		}
	}
	if cur == len(out) { // named: every stage done
		for i := range out {
			out[i].State, out[i].Why = StageDone, ""
		}
	}
	return out, nil
}

func (s *Store) stageFacts(roundID int64) (stageFacts, error) {
	f := stageFacts{today: DateOf(s.now())}
	var err error
	if f.r, err = s.Round(roundID); err != nil {
		return f, err
	}
	noms, err := s.Nominations(roundID, NominationFilter{})
	if err != nil {
		return f, err
	}
	f.countNominations(noms)
	rk, err := s.Ranking(roundID)
	if err != nil {
		return f, err
	}
	for _, c := range rk {
		f.quota += c.Category.Quota
		for _, row := range c.Rows {
			if row.State != StateReviewing {
				continue
			}
			f.owed += row.Owed
			for _, rt := range row.Reviewers {
				if !rt.Recused && !rt.Absent {
					f.expected++
					if rt.Scored {
						f.scored++
					}
				}
			}
		}
	}
	revs, err := s.Reviewers(roundID)
	if err != nil {
		return f, err
	}
	f.reviewers = len(revs)
	objs, err := s.Objections(roundID)
	if err != nil {
		return f, err
	}
	f.objections = len(objs)
	for _, o := range objs {
		if o.Outcome == OutcomePending {
			f.pending++
		}
	}
	named, err := s.Named(roundID)
	f.named = len(named)
	return f, err
}

// countNominations counts the nominations by what each stage asks of them.
func (f *stageFacts) countNominations(noms []Nomination) {
	f.all = len(noms)
	for _, n := range noms {
		switch n.State {
		case StateDraft, StateReturned:
			f.drafts++
		case StateWithdrawn:
		default:
			f.submitted++
		}
		switch n.State {
		case StateDraft, StateWithdrawn:
		case StateSubmitted, StateReturned:
			f.checkDue++
		default:
			f.checkDue++
			f.checked++
		}
		switch n.State {
		case StateReviewing:
			f.reviewing++
		case StateProposed, StateNamed:
			f.proposed++
		case StateOnNotice:
			f.proposed++
			f.onNotice++
		}
	}
}

// count is stage i's count line.
func (f stageFacts) count(i int) string {
	switch i {
	case StageSettings:
		return fmt.Sprintf("类别 %d，标准 %d", len(f.r.Categories), len(f.r.Criteria))
	case StageApply:
		if f.all == 0 {
			return "无申报"
		}
		return fmt.Sprintf("已提交 %d/%d", f.all-f.drafts, f.all)
	case StageCheck:
		return fmt.Sprintf("已审 %d/%d", f.checked, f.checkDue)
	case StageReview:
		if f.expected == 0 {
			return "无待评"
		}
		return fmt.Sprintf("已评 %d/%d", f.scored, f.expected)
	case StageRank:
		return fmt.Sprintf("拟命名 %d/%d", f.proposed, f.quota)
	case StageNotice:
		switch {
		case f.r.NoticeStart.IsZero():
			return "未发布"
		case f.pending > 0:
			return fmt.Sprintf("异议 %d 件，待办 %d", f.objections, f.pending)
		}
		return fmt.Sprintf("异议 %d 件", f.objections)
	}
	if f.onNotice == 0 {
		return fmt.Sprintf("已命名 %d", f.named)
	}
	return fmt.Sprintf("已命名 %d/%d", f.named, f.named+f.onNotice)
}

// current is the stage where the round's work is now; len(StageNames)
// once every nominee on notice has been named.
func (f stageFacts) current() int {
	switch {
	case !f.r.NamedOn.IsZero() && f.onNotice == 0:
		return len(StageNames)
	case !f.r.NoticeStart.IsZero():
		if f.pending == 0 && f.r.NoticeEnd.Before(f.today) {
			return StageNaming
		}
		return StageNotice
	case f.proposed > 0:
		return StageNotice
	case f.reviewing > 0 && f.owed == 0 && f.expected > 0:
		return StageRank
	case f.reviewing > 0:
		return StageReview
	case f.checkDue > f.checked:
		return StageCheck
	case f.checked > 0:
		return StageReview
	case len(f.r.Categories) == 0 || len(f.r.Criteria) == 0:
		return StageSettings
	}
	return StageApply
}

// blocked is why stage i cannot go on, or "".
func (f stageFacts) blocked(i int) string {
	switch i {
	case StageReview:
		if f.reviewers == 0 && f.checked > 0 {
			return "评审组还没有成员，请在“评审”中添加评审"
		}
	case StageRank:
		if f.owed > 0 {
			return fmt.Sprintf("还差 %d 份评分，评完后才能排名", f.owed)
		}
	case StageNotice:
		if f.r.NoticeStart.IsZero() && f.proposed == 0 && f.reviewing > 0 && f.owed == 0 {
			return "还没有拟命名对象，请先在“排名”中确定"
		}
	case StageNaming:
		switch {
		case f.pending > 0:
			return fmt.Sprintf("有 %d 件异议待办理，办结后才能命名", f.pending)
		case f.onNotice > 0 && !f.r.NoticeEnd.Before(f.today):
			return fmt.Sprintf("公示期至 %s 结束，期满后才能命名（提前命名须写明理由）", f.r.NoticeEnd)
		}
	}
	return ""
}
