package reports

import (
	"fmt"
	"io"
	"strings"
)

// GuideDoc is a manual: a title and its chapters, each of headings,
// paragraphs and list items (the built-in guide, 帮助 → 使用说明).
type GuideDoc struct {
	Title    string
	Subtitle string
	Chapters []GuideChapter
}

// GuideChapter is one chapter of a GuideDoc.
type GuideChapter struct {
	Title  string
	Blocks []GuideBlock
}

// GuideBlock is a paragraph, a list item or a heading.
type GuideBlock struct {
	Kind GuideKind
	Text string
}

// GuideKind is the kind of a GuideBlock.
type GuideKind int

const (
	GuidePara    GuideKind = iota // a paragraph, first line indented two characters
	GuideItem                     // a list item, with a bullet and a hanging indent
	GuideHeading                  // a heading inside a chapter
)

// Guide writes a manual on portrait A4: the title, then every chapter on a
// new page, numbered 一、二、…, its headings in 黑体 and its text in 仿宋 set
// by the line breaker. Every string is checked against the fonts first.
func Guide(w io.Writer, doc GuideDoc, f *Fonts) error {
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(doc.Title)
	if title == "" {
		title = "使用说明"
	}
	fl := newFlow(fs, A4Portrait, "“"+title+"”")
	if err := fs.gather(func() error { return checkGuide(fl, title, doc) }); err != nil {
		return err
	}
	fl.running = title
	if err := fl.title(title, doc.Subtitle); err != nil {
		return err
	}
	for i, c := range doc.Chapters {
		if i > 0 {
			fl.newPage()
		}
		if err := guideChapter(fl, i, c); err != nil {
			return err
		}
	}
	return fl.render(w, title)
}

// checkGuide checks every text before anything is drawn.
func checkGuide(fl *flow, title string, doc GuideDoc) error {
	if err := fl.fs.check(fl.record, "标题", title+doc.Subtitle, RoleTitle); err != nil {
		return err
	}
	if err := fl.need(RoleHei, "一二三四五六七八九十、"); err != nil {
		return err
	}
	if err := fl.need(RoleBody, "●"); err != nil {
		return err
	}
	for i, c := range doc.Chapters {
		rec := fmt.Sprintf("%s第%d章“%s”", fl.record, i+1, c.Title)
		if err := fl.fs.check(rec, "章标题", c.Title, RoleHei); err != nil {
			return err
		}
		for j, b := range c.Blocks {
			role := RoleBody
			if b.Kind == GuideHeading {
				role = RoleHei
			}
			if err := fl.fs.check(rec, fmt.Sprintf("第%d段", j+1), b.Text, role); err != nil {
				return err
			}
		}
	}
	return nil
}

// guideChapter lays out chapter i.
func guideChapter(fl *flow, i int, c GuideChapter) error {
	head := chineseNumber(i+1) + "、" + c.Title
	if err := fl.text([]span{{head, RoleHei}}, 16, 0, 1.8, alignLeft); err != nil {
		return err
	}
	fl.gap(1)
	const size, lead = 12, 1.6
	em := size * ptMM
	for _, b := range c.Blocks {
		var err error
		switch b.Kind {
		case GuideHeading:
			fl.gap(2)
			err = fl.text([]span{{b.Text, RoleHei}}, 13.5, 0, 1.7, alignLeft)
		case GuideItem:
			err = guideItem(fl, b.Text, size, lead, em)
		default:
			err = fl.text([]span{{b.Text, RoleBody}}, size, 2*em, lead, alignJustify)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// guideItem draws a bullet and the item's text indented beside it (a
// hanging indent: every line starts at the same place).
func guideItem(fl *flow, text string, size, lead, em float64) error {
	left, width := fl.left, fl.width
	fl.left, fl.width = left+1.5*em, width-1.5*em
	defer func() { fl.left, fl.width = left, width }()
	if len(fl.pages) == 0 {
		fl.newPage()
	}
	if fl.y+lead*size*ptMM > fl.limit+0.01 {
		fl.newPage()
	}
	const small = 0.45 // the bullet's size, of the text's
	bullet, err := fl.shape([]span{{"●", RoleBody}}, size*small)
	if err != nil {
		return err
	}
	p := place(bullet, left+0.45*em, em, alignLeft)
	top := fl.y + (lead*size*ptMM-size*small*ptMM)/2
	fl.op(func(d *renderer) { d.draw(p, top) })
	return fl.text([]span{{text, RoleBody}}, size, 0, lead, alignJustify)
}
