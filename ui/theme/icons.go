package theme

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Navigation icons Fyne does not have, drawn as 24×24 SVG in the foreground
// colour (NewThemedResource recolours them with the theme).
var (
	// OrgIcon is an organisation chart: one box above three, for 党组织
	// (an organisation, not a single person).
	OrgIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("org.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M9 2h6v5h-2v3h7v4h2v6h-6v-6h2v-2h-5v2h2v6H9v-6h2v-2H6v2h2v6H2v-6h2v-4h7V7H9z"/></svg>`)))
	// AwardIcon is a medal on its ribbon, for 评选.
	AwardIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("award.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M7 2h10l-3 7h-4zM12 9a6.5 6.5 0 1 1 0 13a6.5 6.5 0 0 1 0-13zm0 2.5l1.3 2.7 3 .4-2.2 2.1.5 3-2.6-1.4-2.6 1.4.5-3-2.2-2.1 3-.4z"/></svg>`)))
	// CommunityIcon is a row of houses, for 社区.
	CommunityIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("community.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M1 12l6-5 6 5v9H9v-5H5v5H1zM13 9l5-5 5 5v12h-8v-2h2v-4h2v4h2V10l-3-3-1.5 1.5z"/></svg>`)))
	// CompoundIcon is an apartment block, for 小区.
	CompoundIcon fyne.Resource = theme.NewThemedResource(fyne.NewStaticResource("compound.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M4 2h16v20h-6v-4h-4v4H4zm3 3v2h3V5zm7 0v2h3V5zM7 9v2h3V9zm7 0v2h3V9zM7 13v2h3v-2zm7 0v2h3v-2z"/></svg>`)))
)

// The tree's branch marks: ▸ closed, ▾ open (Fyne draws a chevron and a
// down arrow). Fyne's tree is the only user of the move-down icon; the
// calendar's next-month button gets the same ▸.
var (
	branchClosed = theme.NewThemedResource(fyne.NewStaticResource("branch-closed.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M9 6l7 6-7 6z"/></svg>`)))
	branchOpen = theme.NewThemedResource(fyne.NewStaticResource("branch-open.svg", []byte(
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="#000" d="M6 9h12l-6 7z"/></svg>`)))
)

func (t *jiayuanTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	switch n {
	case theme.IconNameNavigateNext:
		return branchClosed
	case theme.IconNameMoveDown:
		return branchOpen
	}
	return t.Theme.Icon(n)
}
