package help

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"jiayuan/ui/guide"
)

// sectionText is one section as rich text: its title, headings, paragraphs
// and lists, wrapped to the width of the view.
func sectionText(s guide.Section) *widget.RichText {
	segs := []widget.RichTextSegment{&widget.TextSegment{Style: widget.RichTextStyleHeading, Text: s.Title}}
	var list *widget.ListSegment
	for _, b := range s.Blocks {
		if b.Kind != guide.Item {
			list = nil
		}
		switch b.Kind {
		case guide.Heading:
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleSubHeading, Text: b.Text})
		case guide.Item:
			if list == nil {
				list = &widget.ListSegment{}
				segs = append(segs, list)
			}
			list.Items = append(list.Items, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: b.Text})
		default:
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph, Text: b.Text})
		}
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapBreak // Chinese breaks between any two characters
	return rt
}
