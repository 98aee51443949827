package review

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// FrozenGrid lays out a grid's lines with their first cells (up to the
// nominee) in a column that stays put and the rest in one block that
// scrolls sideways: on a 1024-pixel screen the score grid's 否决 and 合计
// columns, and the ranking's per-reviewer columns, are reached by scrolling
// while the line's nominee stays in sight.
type FrozenGrid = frozenGrid

// NewFrozenGrid is an empty grid whose frozen column is width wide.
func NewFrozenGrid(width float32) *FrozenGrid { return newFrozenGrid(width) }

// Add adds a line: its frozen cells and the others.
func (g *frozenGrid) Add(frozen, rest fyne.CanvasObject) { g.add(frozen, rest) }

// Content is the grid to show.
func (g *frozenGrid) Content() fyne.CanvasObject { return g.content() }

type frozenGrid struct {
	width       float32 // of the first column
	first, rest *fyne.Container
	scroll      *container.Scroll
}

func newFrozenGrid(width float32) *frozenGrid {
	g := &frozenGrid{width: width, first: container.NewVBox(), rest: container.NewVBox()}
	g.scroll = container.NewHScroll(g.rest)
	return g
}

// add adds a line: its first cell, and the row of the others; both get the
// taller one's height so that the two columns stay level.
func (g *frozenGrid) add(first fyne.CanvasObject, rest fyne.CanvasObject) {
	h := max(first.MinSize().Height, rest.MinSize().Height)
	g.first.Add(container.NewStack(first, strut(g.width, h)))
	g.rest.Add(container.NewStack(rest, strut(0, h)))
}

func (g *frozenGrid) content() fyne.CanvasObject {
	return container.NewBorder(nil, nil, g.first, nil, g.scroll)
}

// strut is an invisible box that holds a size.
func strut(w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return r
}
