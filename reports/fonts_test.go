package reports

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jiayuan/assets"
)

// Every role, through its fallback chain, prints all of GBK; each role's own font
// holds every GB 2312 hanzi and the basic punctuation.
func TestEmbeddedFontsCoverGBK(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	gbk := strings.ReplaceAll(assets.GBKChars, "\n", "")
	gb := strings.ReplaceAll(assets.GB2312Chars, "\n", "")
	if n := len([]rune(gb)); n < 7400 {
		t.Fatalf("GB 2312 list has %d characters", n)
	}
	if n := len([]rune(gbk)); n < 21800 {
		t.Fatalf("GBK list has %d characters", n)
	}
	for r := Role(0); r < numRoles; r++ {
		missing := 0
		for _, c := range gbk {
			if fs.faceFor(r, c) == nil {
				missing++
				if missing < 5 {
					t.Errorf("%s: no font has %c (%U)", r, c, c)
				}
			}
		}
		if missing > 0 {
			t.Errorf("%s: %d GBK characters missing", r, missing)
		}
		if err := checkBasics(defaultFaces[r]); err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	// The same-style fallbacks really serve what the role fonts lack.
	for _, c := range []struct {
		role Role
		r    rune
		want string
	}{{RoleBody, '喆', "kaigbk"}, {RoleBody, '堃', "kaigbk"}, {RoleBody, '玥', "kaigbk"}, {RoleKai, '堃', "kaigbk"},
		{RoleHei, '堃', "heigbk"}, {RoleTitle, '堃', "titlegbk"}, {RoleBody, '社', "fang"}} {
		if f := fs.faceFor(c.role, c.r); f == nil || f.id != c.want {
			t.Errorf("%c in %s comes from %v, want %s", c.r, c.role, f, c.want)
		}
	}
}

// A character a role's own font lacks comes from the role's same-style
// fallback whenever that has it, never from the 宋体 last resort; only what
// the fallback lacks goes further.
func TestRoleFallbacksMatchStyle(t *testing.T) {
	fs, err := newFontSet(nil)
	if err != nil {
		t.Fatal(err)
	}
	gbk := strings.ReplaceAll(assets.GBKChars, "\n", "")
	for r := Role(0); r < numRoles; r++ {
		own, fb := defaultFaces[r], defaultFaces[roleFallback[r]]
		served, further := 0, 0
		for _, c := range gbk {
			if own.has(c) {
				continue
			}
			got := fs.faceFor(r, c)
			switch {
			case fb.has(c) && got != fb:
				t.Errorf("%s: %c (%U) from %s, but its fallback %s has it", r, c, c, got.id, fb.id)
			case got == fb:
				served++
			default:
				further++
			}
		}
		t.Logf("%s: %d characters from %s (%s), %d further", r, served, fb.id, fb.style, further)
		if served < 10000 {
			t.Errorf("%s: only %d characters from its fallback %s", r, served, fb.id)
		}
	}
	// 仿宋's fallback is 楷体, the nearer style; 标宋 and 黑体 cover all of GBK.
	if defaultFaces[roleFallback[RoleBody]].style != "楷体" || defaultFaces[roleFallback[RoleTitle]].style != "标宋" ||
		defaultFaces[roleFallback[RoleHei]].style != "黑体" {
		t.Error("role fallbacks of another style")
	}
}

// makeTTC packs standalone fonts into a collection (tables copied per face).
func makeTTC(fonts ...[]byte) []byte {
	hdr := 12 + 4*len(fonts)
	out := make([]byte, hdr)
	copy(out, "ttcf")
	binary.BigEndian.PutUint32(out[4:], 0x00010000)
	binary.BigEndian.PutUint32(out[8:], uint32(len(fonts)))
	for i, f := range fonts {
		base := len(out)
		binary.BigEndian.PutUint32(out[12+4*i:], uint32(base))
		n := int(binary.BigEndian.Uint16(f[4:]))
		dir := append([]byte(nil), f[:12+16*n]...)
		out = append(out, dir...)
		for j := 0; j < n; j++ {
			e := 12 + 16*j
			off, l := binary.BigEndian.Uint32(f[e+8:]), binary.BigEndian.Uint32(f[e+12:])
			binary.BigEndian.PutUint32(out[base+e+8:], uint32(len(out)))
			out = append(out, f[off:off+l]...)
			for len(out)%4 != 0 {
				out = append(out, 0)
			}
		}
	}
	return out
}

func TestSystemFonts(t *testing.T) {
	dir := t.TempDir()
	ttc := filepath.Join(dir, "two.ttc")
	if err := os.WriteFile(ttc, makeTTC(assets.PrintTitle, assets.PrintHei), 0o644); err != nil {
		t.Fatal(err)
	}
	faces, err := FontFaces(ttc)
	if err != nil {
		t.Fatal(err)
	}
	if len(faces) != 2 || faces[0].Name != "Noto Serif CJK SC Bold" || faces[1].Name != "Noto Sans CJK SC" || faces[0].Err != nil || faces[1].Err != nil {
		t.Fatalf("faces = %+v", faces)
	}
	hei, err := LoadFontFile(ttc, 1)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseFace(hei)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "社区党建，2021Aa" {
		if f.glyph(r) == 0 || f.glyph(r) != defaultFaces[RoleHei].glyph(r) {
			t.Errorf("%c: glyph %d after extraction, %d before", r, f.glyph(r), defaultFaces[RoleHei].glyph(r))
		}
	}
	if _, err := LoadFontFile(ttc, 2); err == nil {
		t.Error("face 3 of a two-face collection accepted")
	}
	// The extracted face prints: used as the body font of a notice.
	path := writePDF(t, func(w io.Writer) error { return Notice(w, sampleNotice(5), &Fonts{Body: hei}) })
	checkPDF(t, path)
	if got := strings.Count(tool(t, "pdffonts", path), "user"); got != 1 {
		t.Errorf("caller's font embedded %d times", got)
	}

	// Refusals, with a reason the clerk can act on.
	otf := filepath.Join(dir, "cff.otf")
	_ = os.WriteFile(otf, append([]byte("OTTO"), make([]byte, 64)...), 0o644)
	junk := filepath.Join(dir, "junk.ttf")
	_ = os.WriteFile(junk, []byte("not a font at all, just text"), 0o644)
	for _, tc := range []struct {
		path  string
		index int
		want  string
	}{
		{otf, 0, "CFF"},
		{junk, 0, "不是 TrueType"},
		{filepath.Join(dir, "none.ttf"), 0, "读取字体文件"},
		{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "CFF"},
		{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, "GB 2312"},
	} {
		if strings.HasPrefix(tc.path, "/usr") {
			if _, err := os.Stat(tc.path); err != nil {
				continue // that system font is not installed here
			}
		}
		_, err := LoadFontFile(tc.path, tc.index)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one mentioning %q", filepath.Base(tc.path), err, tc.want)
		}
	}
	// Bad data handed straight to a document is refused before any drawing.
	var buf bytes.Buffer
	if err := Notice(&buf, sampleNotice(3), &Fonts{Title: []byte("OTTOxxxxxxxxxxxxxx")}); err == nil || buf.Len() != 0 {
		t.Errorf("CFF title font: err = %v, %d bytes", err, buf.Len())
	}
}
