package assets

import (
	"bytes"
	"image/png"
	"testing"
	"unicode"

	"github.com/go-text/typesetting/font"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// gbkRange decodes every double-byte code of GBK with lead bytes in [leadLo, leadHi]
// and trail bytes in [trailLo, 0xFE] and returns the characters that are assigned
// (no private-use mapping, no replacement character).
func gbkRange(t *testing.T, leadLo, leadHi, trailLo byte) []rune {
	t.Helper()
	dec := simplifiedchinese.GBK.NewDecoder()
	var out []rune
	for lead := int(leadLo); lead <= int(leadHi); lead++ {
		for trail := int(trailLo); trail <= 0xFE; trail++ {
			if trail == 0x7F {
				continue
			}
			b, err := dec.Bytes([]byte{byte(lead), byte(trail)})
			if err != nil {
				continue
			}
			for _, r := range string(b) {
				if r == unicode.ReplacementChar || unicode.Is(unicode.Co, r) {
					continue
				}
				out = append(out, r)
			}
		}
	}
	return out
}

func TestUIFonts(t *testing.T) {
	ascii := make([]rune, 0, 95)
	for r := rune(0x20); r < 0x7F; r++ {
		ascii = append(ascii, r)
	}
	var gbkHan []rune
	for _, r := range gbkRange(t, 0x81, 0xFE, 0x40) {
		if r >= 0x4E00 && r <= 0x9FA5 {
			gbkHan = append(gbkHan, r)
		}
	}
	if len(gbkHan) < 20902 {
		t.Fatalf("GBK decoder gave %d ideographs in U+4E00..U+9FA5, want 20902", len(gbkHan))
	}
	sets := []struct {
		name  string
		runes []rune
	}{
		{"printable ASCII", ascii},
		{"GB 2312 (all of it)", gbkRange(t, 0xA1, 0xF7, 0xA1)},
		{"GBK ideographs", gbkHan},
		{"punctuation and symbols", []rune("，。、；：？！…—·“”‘’（）【】《》〈〉「」『』〔〕￥％＋－×÷±≤≥℃№①⑩ⅠⅫ★☆●○■□▲△◆◇→←↑↓")},
		{"names in the seed", []rune("华阳街道滨江社区龙河社区南湖尚景小区四川天府新区成都市城乡社区发展治理工作领导小组办公室")},
	}

	fonts := []struct {
		name       string
		data       []byte
		wantWeight float32
	}{
		{"UIFontRegular", UIFontRegular, 400},
		{"UIFontBold", UIFontBold, 700},
	}
	for _, f := range fonts {
		t.Run(f.name, func(t *testing.T) {
			// A collection (.ttc) would crash Fyne's theme font loader: it must be one face.
			if bytes.HasPrefix(f.data, []byte("ttcf")) {
				t.Fatal("font is a TrueType collection, Fyne needs a single face")
			}
			face, err := font.ParseTTF(bytes.NewReader(f.data))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if w := face.Describe().Aspect.Weight; float32(w) != f.wantWeight {
				t.Errorf("weight = %v, want %v", w, f.wantWeight)
			}
			for _, s := range sets {
				var missing []rune
				for _, r := range s.runes {
					if _, ok := face.NominalGlyph(r); !ok {
						missing = append(missing, r)
					}
				}
				if len(missing) > 0 {
					if len(missing) > 20 {
						missing = missing[:20]
					}
					t.Errorf("%s: %d of %d characters missing, first: %q", s.name, len(missing), len(s.runes), string(missing))
				}
			}
		})
	}
}

func TestIcon(t *testing.T) {
	cfg, err := png.DecodeConfig(bytes.NewReader(Icon))
	if err != nil {
		t.Fatalf("icon is not a PNG: %v", err)
	}
	if cfg.Width != 1024 || cfg.Height != 1024 {
		t.Errorf("icon is %d×%d, want 1024×1024", cfg.Width, cfg.Height)
	}
}
