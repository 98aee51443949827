package documents

import (
	"io"

	"jiayuan/reports"
	"jiayuan/ui/guide"
)

// GuideTitle is the printed guide's title.
const GuideTitle = "家园使用说明"

// GuideDoc is the built-in guide (ui/guide) as a printable document.
func GuideDoc() reports.GuideDoc {
	doc := reports.GuideDoc{Title: GuideTitle, Subtitle: "社区、小区、党组织记录与评选工作"}
	for _, s := range guide.Sections() {
		c := reports.GuideChapter{Title: s.Title}
		for _, b := range s.Blocks {
			k := reports.GuidePara
			switch b.Kind {
			case guide.Item:
				k = reports.GuideItem
			case guide.Heading:
				k = reports.GuideHeading
			}
			c.Blocks = append(c.Blocks, reports.GuideBlock{Kind: k, Text: b.Text})
		}
		doc.Chapters = append(doc.Chapters, c)
	}
	return doc
}

// Guide prints the built-in guide with the built-in fonts (it needs no data
// folder, so it prints the same everywhere).
func Guide(w io.Writer) error {
	return reports.Guide(w, GuideDoc(), nil)
}
