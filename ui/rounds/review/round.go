package review

import "jiayuan/data"

// Round is what the 评审 tab asks of the round view around it.
type Round interface {
	// Round is the round shown, as last read.
	Round() data.Round
	// Changed reads the round again and refreshes its tabs and the list of
	// rounds, after a change made here.
	Changed()
	// ExportScores writes the round's score sheets to an Excel file the clerk picks.
	ExportScores()
	// ImportScores reads score sheets typed elsewhere into the round.
	ImportScores()
	// Nominees are what a reviewer can be recused from: communities and compounds.
	Nominees() []Nominee
}

// Nominee is a community or a compound a reviewer can be recused from.
type Nominee struct {
	Label       string
	CommunityID int64
	CompoundID  int64 // 0: the community itself
}
