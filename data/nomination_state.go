package data

import (
	"fmt"
	"strings"
)

// State is where a nomination stands in its round.
type State string

// The states of a nomination.
const (
	StateDraft       State = "draft"        // 草稿
	StateSubmitted   State = "submitted"    // 已提交 (locked)
	StateReturned    State = "returned"     // 退回修改 (editable again, like a draft)
	StatePassed      State = "passed"       // 初审通过
	StateReviewing   State = "reviewing"    // 评审中
	StateProposed    State = "proposed"     // 拟命名
	StateNotSelected State = "not_selected" // 未入选
	StateOnNotice    State = "on_notice"    // 公示中
	StateNamed       State = "named"        // 已命名
	StateRemoved     State = "removed"      // 撤销 (objection upheld)
	StateWithdrawn   State = "withdrawn"    // 撤回 (by the office)
	StateRevoked     State = "revoked"      // 撤销命名
)

// States lists every state in the order of the round.
var States = []State{StateDraft, StateSubmitted, StateReturned, StatePassed, StateReviewing, StateProposed,
	StateNotSelected, StateOnNotice, StateNamed, StateRemoved, StateWithdrawn, StateRevoked}

var stateLabels = map[State]string{
	StateDraft: "草稿", StateSubmitted: "已提交", StateReturned: "退回修改", StatePassed: "初审通过",
	StateReviewing: "评审中", StateProposed: "拟命名", StateNotSelected: "未入选", StateOnNotice: "公示中",
	StateNamed: "已命名", StateRemoved: "撤销", StateWithdrawn: "撤回", StateRevoked: "撤销命名",
}

// Label is the state's Chinese name.
func (s State) Label() string {
	if l, ok := stateLabels[s]; ok {
		return l
	}
	return string(s)
}

// String is the Chinese name (so the audit trail reads well).
func (s State) String() string { return s.Label() }

// Editable reports whether the nomination's content may be edited freely
// (a draft, or one sent back): submitted nominations are locked.
func (s State) Editable() bool { return s == StateDraft || s == StateReturned }

// Amendable reports whether a submitted nomination may be amended (a new version).
func (s State) Amendable() bool {
	return s == StateSubmitted || s == StatePassed || s == StateReviewing
}

// Scorable reports whether panel scores may be entered.
func (s State) Scorable() bool { return s == StateReviewing }

// ParseState reads a state from its code or its Chinese name.
func ParseState(s string) (State, bool) {
	s = strings.TrimSpace(s)
	for _, st := range States {
		if string(st) == s || st.Label() == s {
			return st, true
		}
	}
	return "", false
}

// Action is a step that moves a nomination from one state to another.
type Action string

// The actions.
const (
	ActSubmit     Action = "submit"     // 提交
	ActReturn     Action = "return"     // 退回修改
	ActPass       Action = "pass"       // 初审通过
	ActReview     Action = "review"     // 进入评审
	ActPropose    Action = "propose"    // 拟命名
	ActReject     Action = "reject"     // 未入选
	ActReconsider Action = "reconsider" // 重新评审
	ActPublish    Action = "publish"    // 公示
	ActName       Action = "name"       // 命名
	ActRemove     Action = "remove"     // 撤销（异议成立）
	ActWithdraw   Action = "withdraw"   // 撤回
	ActRevoke     Action = "revoke"     // 撤销命名
)

// Transition is one allowed move of the state table.
type Transition struct {
	Action     Action
	Label      string
	From       []State
	To         State
	OfficeOnly bool // only the office's copy may take it
	NeedReason bool // a reason must be recorded
}

// Transitions is the state table: the only moves there are. Every change of
// state, from the window, the command line, an import or the demo data,
// goes through one function that checks against it.
var Transitions = []Transition{
	{ActSubmit, "提交", []State{StateDraft, StateReturned}, StateSubmitted, false, false},
	{ActReturn, "退回修改", []State{StateSubmitted}, StateReturned, true, true},
	{ActPass, "初审通过", []State{StateSubmitted}, StatePassed, true, false},
	{ActReview, "进入评审", []State{StatePassed}, StateReviewing, true, false},
	{ActPropose, "拟命名", []State{StateReviewing}, StateProposed, true, false},
	{ActReject, "未入选", []State{StateReviewing}, StateNotSelected, true, false},
	{ActReconsider, "重新评审", []State{StateProposed, StateNotSelected}, StateReviewing, true, true},
	{ActPublish, "公示", []State{StateProposed}, StateOnNotice, true, false},
	{ActName, "命名", []State{StateOnNotice}, StateNamed, true, false},
	{ActRemove, "撤销（异议成立）", []State{StateOnNotice}, StateRemoved, true, true},
	{ActWithdraw, "撤回", []State{StateDraft, StateSubmitted, StateReturned, StatePassed, StateReviewing,
		StateProposed, StateNotSelected, StateOnNotice}, StateWithdrawn, true, true},
	{ActRevoke, "撤销命名", []State{StateNamed}, StateRevoked, true, true},
}

// TransitionFor finds an action's row of the state table.
func TransitionFor(a Action) (Transition, bool) {
	for _, t := range Transitions {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

// Allows reports whether the table lets the action start from state s.
func (t Transition) Allows(s State) bool {
	for _, f := range t.From {
		if f == s {
			return true
		}
	}
	return false
}

// ActionsFrom lists the actions the table allows from s (for the window's buttons).
func ActionsFrom(s State, office bool) []Transition {
	var out []Transition
	for _, t := range Transitions {
		if t.Allows(s) && (office || !t.OfficeOnly) {
			out = append(out, t)
		}
	}
	return out
}

// Audit actions of nominations besides the transitions.
const (
	ActionAmend       = "amend"
	ActionAttach      = "attach"
	ActionDetach      = "detach"
	ActionScore       = "score"
	ActionUnscore     = "unscore"
	ActionNotice      = "notice"
	ActionCertificate = "certificate"
	ActionOverride    = "override"
	ActionDecide      = "decide"
)

func init() {
	for _, t := range Transitions {
		extraActionLabels[string(t.Action)] = t.Label
	}
	extraActionLabels[ActionAmend] = "补正（新版本）"
	extraActionLabels[ActionAttach] = "添加附件"
	extraActionLabels[ActionDetach] = "移除附件"
	extraActionLabels[ActionScore] = "评分"
	extraActionLabels[ActionUnscore] = "删除评分"
	extraActionLabels[ActionNotice] = "发布公示"
	extraActionLabels[ActionCertificate] = "编发证书"
	extraActionLabels[ActionOverride] = "提前命名"
	extraActionLabels[ActionDecide] = "确定拟命名名单"
}

// StateError refuses a move that the rules forbid, naming the record and the rule.
type StateError struct {
	Record string // 申报“滨江社区”（百佳示范社区）
	Action Action
	From   State
	Rule   string
}

func (e *StateError) Error() string {
	l := string(e.Action)
	if t, ok := TransitionFor(e.Action); ok {
		l = t.Label
	}
	return fmt.Sprintf("%s（%s）不能“%s”：%s", e.Record, e.From.Label(), l, e.Rule)
}
