package reports

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// A character no font has stops the guide before anything is drawn, naming
// the chapter and the paragraph.
func TestGuideRefusesMissingGlyph(t *testing.T) {
	doc := GuideDoc{Title: "说明", Chapters: []GuideChapter{{Title: "打印", Blocks: []GuideBlock{
		{GuidePara, "正文"}, {GuideItem, "带一个\U0001F600的项"}}}}}
	var buf bytes.Buffer
	err := Guide(&buf, doc, nil)
	var ge *GlyphError
	if !errors.As(err, &ge) || !strings.Contains(err.Error(), "打印") || !strings.Contains(err.Error(), "第2段") {
		t.Fatalf("err = %v", err)
	}
	if buf.Len() != 0 {
		t.Errorf("%d bytes written before the check failed", buf.Len())
	}
	doc.Chapters[0].Blocks[1].Text = "带一个项"
	if err := Guide(&buf, doc, nil); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Errorf("a printable guide: %v", err)
	}
}
