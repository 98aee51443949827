// Package guide is the built-in guide (帮助 → 使用说明) as plain data: the
// sections read from the Markdown files embedded in assets/guide, and the
// table of keyboard shortcuts that the window registers and the guide lists.
// It imports no GUI toolkit and no PDF code: the help screen (ui/help) shows
// it, ui/documents prints it.
package guide

import (
	"io/fs"
	"sort"
	"strings"

	"jiayuan/assets"
)

// Kind is the kind of a block of the guide.
type Kind int

const (
	Para    Kind = iota // a paragraph
	Item                // one item of a bulleted list
	Heading             // a heading inside a section ("## ")
)

// Block is one paragraph, list item or heading.
type Block struct {
	Kind Kind
	Text string
}

// Section is one chapter of the guide ("# " in the Markdown).
type Section struct {
	Title  string
	Blocks []Block
}

// KeysPlaceholder is the line of the Markdown replaced by the shortcut table.
const KeysPlaceholder = "{{快捷键}}"

// KeysTitle is the title of the section listing the shortcuts (帮助 → 快捷键).
const KeysTitle = "快捷键"

// Sections reads the embedded guide, the shortcut table in its place.
func Sections() []Section {
	names, err := fs.Glob(assets.Guide, "guide/*.md")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(names)
	var out []Section
	for _, n := range names {
		b, err := assets.Guide.ReadFile(n)
		if err != nil {
			panic(err) // embedded
		}
		out = append(out, Parse(string(b))...)
	}
	return out
}

// Parse reads the small Markdown the guide is written in: "# " starts a
// section, "## " a heading, "- " a list item, blank lines end paragraphs
// (lines of one paragraph are joined). The line KeysPlaceholder becomes one
// item per shortcut of Keys.
func Parse(md string) []Section {
	var out []Section
	var para []string
	cur := func() *Section {
		if len(out) == 0 {
			out = append(out, Section{})
		}
		return &out[len(out)-1]
	}
	flush := func() {
		if len(para) > 0 {
			s := cur()
			s.Blocks = append(s.Blocks, Block{Para, strings.Join(para, "")})
			para = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "# "):
			flush()
			out = append(out, Section{Title: strings.TrimSpace(line[2:])})
		case strings.HasPrefix(line, "## "):
			flush()
			cur().Blocks = append(cur().Blocks, Block{Heading, strings.TrimSpace(line[3:])})
		case strings.HasPrefix(line, "- "):
			flush()
			cur().Blocks = append(cur().Blocks, Block{Item, strings.TrimSpace(line[2:])})
		case line == KeysPlaceholder:
			flush()
			for _, k := range Keys {
				cur().Blocks = append(cur().Blocks, Block{Item, k.Line()})
			}
		default:
			para = append(para, line)
		}
	}
	flush()
	return out
}

// Filter keeps what matches q (case-insensitive, spaces around it ignored): a
// section whose title matches stays whole; of the others only the blocks that
// match stay, under the headings they belong to, and a section with none is
// left out. An empty q keeps everything.
func Filter(secs []Section, q string) []Section {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		return secs
	}
	has := func(s string) bool { return strings.Contains(strings.ToLower(s), q) }
	var out []Section
	for _, s := range secs {
		if has(s.Title) {
			out = append(out, s)
			continue
		}
		kept := Section{Title: s.Title}
		heading := -1 // index in s.Blocks of the heading not yet copied
		for i, b := range s.Blocks {
			switch {
			case b.Kind == Heading && has(b.Text):
				kept.Blocks = append(kept.Blocks, b)
				heading = -1
			case b.Kind == Heading:
				heading = i
			case has(b.Text):
				if heading >= 0 {
					kept.Blocks = append(kept.Blocks, s.Blocks[heading])
					heading = -1
				}
				kept.Blocks = append(kept.Blocks, b)
			}
		}
		if len(kept.Blocks) > 0 {
			out = append(out, kept)
		}
	}
	return out
}
