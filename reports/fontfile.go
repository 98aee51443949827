package reports

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf16"
)

// face is a parsed TrueType font: just what layout and the coverage check need
// (character map, advance widths, metrics). The bytes are handed to gofpdf as they are.
type face struct {
	id     string // family name inside the PDF
	style  string // the embedded fonts' style for the clerk (仿宋, 楷体…); "" for a chosen font
	name   string // full name from the font, for messages
	data   []byte
	upem   float64
	ascent float64 // fraction of the em above the baseline (typo ascender)
	adv    []uint16
	// cmap format 4 segments
	ends, starts, deltas, rangeOffs []uint16
	idRangeAt                       int // offset of the idRangeOffset array in data
	// cmap format 12 groups (beyond the BMP; only used to tell what a font has)
	groups [][3]uint32
}

type sfntTable struct{ off, length int }

func u16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

// readTables reads a table directory at off.
func readTables(b []byte, off int) (map[string]sfntTable, error) {
	if off+12 > len(b) {
		return nil, errors.New("文件太短，不是字体文件")
	}
	n := int(u16(b, off+4))
	if off+12+16*n > len(b) {
		return nil, errors.New("表目录不完整")
	}
	t := make(map[string]sfntTable, n)
	for i := 0; i < n; i++ {
		e := off + 12 + 16*i
		tag := string(b[e : e+4])
		o, l := int(u32(b, e+8)), int(u32(b, e+12))
		if o < 0 || l < 0 || o+l > len(b) {
			return nil, fmt.Errorf("表 %q 越出文件", tag)
		}
		t[tag] = sfntTable{o, l}
	}
	return t, nil
}

// extractFace returns face index of a TrueType collection as a standalone font,
// or the data itself when it is not a collection.
func extractFace(b []byte, index int) ([]byte, error) {
	if len(b) < 12 {
		return nil, errors.New("文件太短，不是字体文件")
	}
	if string(b[:4]) != "ttcf" {
		if index != 0 {
			return nil, fmt.Errorf("不是字体集（.ttc），没有第 %d 个字体", index+1)
		}
		return b, nil
	}
	num := int(u32(b, 8))
	if index < 0 || index >= num || 12+4*num > len(b) {
		return nil, fmt.Errorf("字体集只有 %d 个字体，没有第 %d 个", num, index+1)
	}
	dir := int(u32(b, 12+4*index))
	tables, err := readTables(b, dir)
	if err != nil {
		return nil, err
	}
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	sort.Strings(tags)
	n := len(tags)
	size := 12 + 16*n
	for _, tag := range tags {
		size += (tables[tag].length + 3) &^ 3
	}
	out := make([]byte, 12+16*n, size)
	copy(out[:4], b[dir:dir+4])
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr, es := 1, 0
	for sr*2 <= n {
		sr *= 2
		es++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(sr*16))
	binary.BigEndian.PutUint16(out[8:], uint16(es))
	binary.BigEndian.PutUint16(out[10:], uint16(n*16-sr*16))
	// Keep each table's checksum from the collection's directory entry.
	sums := map[string]uint32{}
	for i := 0; i < int(u16(b, dir+4)); i++ {
		e := dir + 12 + 16*i
		sums[string(b[e:e+4])] = u32(b, e+4)
	}
	for i, tag := range tags {
		t := tables[tag]
		e := 12 + 16*i
		copy(out[e:], tag)
		binary.BigEndian.PutUint32(out[e+4:], sums[tag])
		binary.BigEndian.PutUint32(out[e+8:], uint32(len(out)))
		binary.BigEndian.PutUint32(out[e+12:], uint32(t.length))
		out = append(out, b[t.off:t.off+t.length]...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	return out, nil
}

// parseFace parses a standalone TrueType font and checks that gofpdf can embed it.
func parseFace(data []byte) (*face, error) {
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		return nil, errors.New("这是字体集（.ttc），须指定其中一个字体")
	}
	if len(data) >= 4 && string(data[:4]) == "OTTO" {
		return nil, errors.New("这是 CFF（PostScript）轮廓的 OpenType 字体，不能嵌入 PDF；请选用 TrueType 字体（.ttf 或 .ttc）")
	}
	if len(data) < 12 || (u32(data, 0) != 0x00010000 && string(data[:4]) != "true") {
		return nil, errors.New("不是 TrueType 字体文件")
	}
	t, err := readTables(data, 0)
	if err != nil {
		return nil, err
	}
	if err := checkTables(t); err != nil {
		return nil, err
	}
	f := &face{data: data}
	head := t["head"].off
	f.upem = float64(u16(data, head+18))
	if f.upem < 16 {
		return nil, errors.New("字体的 unitsPerEm 无效")
	}
	if u16(data, head+52) != 0 {
		return nil, errors.New("字体的轮廓数据格式不受支持")
	}
	if nm := t["name"].off; u16(data, nm) != 0 {
		return nil, errors.New("字体的名称表格式不受支持")
	}
	if os2, ok := t["OS/2"]; ok && os2.length >= 10 {
		fs := u16(data, os2.off+8)
		if fs == 0x0002 || fs&0x0300 != 0 {
			return nil, errors.New("字体的授权不允许嵌入文档")
		}
	}
	hhea := t["hhea"].off
	f.ascent = float64(int16(u16(data, hhea+4))) / f.upem
	if os2, ok := t["OS/2"]; ok && os2.length >= 72 {
		if a := float64(int16(u16(data, os2.off+68))) / f.upem; a > 0.5 && a < 1.2 {
			f.ascent = a
		}
	}
	if f.ascent <= 0.5 || f.ascent > 1.2 {
		f.ascent = 0.88
	}
	if u16(data, hhea+32) != 0 {
		return nil, errors.New("字体的水平度量格式不受支持")
	}
	nh := int(u16(data, hhea+34))
	numGlyphs := int(u16(data, t["maxp"].off+4))
	if nh == 0 || nh > numGlyphs || t["hmtx"].length < 4*nh {
		return nil, errors.New("字体的宽度表无效")
	}
	f.adv = make([]uint16, numGlyphs)
	hm := t["hmtx"].off
	for i := 0; i < numGlyphs; i++ {
		if i < nh {
			f.adv[i] = u16(data, hm+4*i)
		} else {
			f.adv[i] = f.adv[nh-1]
		}
	}
	if err := f.parseCmap(t["cmap"]); err != nil {
		return nil, err
	}
	f.name = fontName(data, t["name"])
	return f, nil
}

// checkTables checks that the tables gofpdf reads are all there (with
// TrueType outlines) and long enough to read their fixed fields.
func checkTables(t map[string]sfntTable) error {
	for _, tag := range []string{"head", "hhea", "hmtx", "maxp", "cmap", "name", "post", "glyf", "loca"} {
		if _, ok := t[tag]; !ok {
			if tag == "glyf" || tag == "loca" {
				return errors.New("字体没有 TrueType 轮廓（可能是 CFF 或位图字体），不能嵌入 PDF")
			}
			return fmt.Errorf("字体缺少必需的“%s”表", tag)
		}
	}
	need := func(tag string, n int) error {
		if t[tag].length < n {
			return fmt.Errorf("字体的“%s”表不完整", tag)
		}
		return nil
	}
	for tag, n := range map[string]int{"head": 54, "hhea": 36, "maxp": 6, "name": 6, "post": 16, "cmap": 4} {
		if err := need(tag, n); err != nil {
			return err
		}
	}
	return nil
}

func (f *face) parseCmap(ct sfntTable) error {
	b := f.data
	n := int(u16(b, ct.off+2))
	if ct.length < 4+8*n {
		return errors.New("字体的字符映射表不完整")
	}
	f4, f12 := -1, -1
	for i := 0; i < n; i++ {
		e := ct.off + 4 + 8*i
		pid, eid := u16(b, e), u16(b, e+2)
		sub := ct.off + int(u32(b, e+4))
		if sub+2 > ct.off+ct.length {
			continue
		}
		format := u16(b, sub)
		if (pid == 3 && eid == 1) || pid == 0 {
			if format == 4 && f4 < 0 {
				f4 = sub
			}
		}
		if format == 12 && ((pid == 3 && eid == 10) || pid == 0) && f12 < 0 {
			f12 = sub
		}
	}
	if f4 < 0 {
		return errors.New("字体没有 Unicode 字符映射表（cmap 格式 4），不能用于中文")
	}
	if f4+14 > len(b) {
		return errors.New("字体的字符映射表不完整")
	}
	segX2 := int(u16(b, f4+6))
	seg := segX2 / 2
	if f4+16+4*segX2 > len(b) {
		return errors.New("字体的字符映射表不完整")
	}
	ends, starts := f4+14, f4+16+segX2
	deltas, ranges := starts+segX2, starts+2*segX2
	f.ends, f.starts = make([]uint16, seg), make([]uint16, seg)
	f.deltas, f.rangeOffs = make([]uint16, seg), make([]uint16, seg)
	for i := 0; i < seg; i++ {
		f.ends[i] = u16(b, ends+2*i)
		f.starts[i] = u16(b, starts+2*i)
		f.deltas[i] = u16(b, deltas+2*i)
		f.rangeOffs[i] = u16(b, ranges+2*i)
	}
	f.idRangeAt = ranges
	if f12 >= 0 && f12+16 <= len(b) {
		ng := int(u32(b, f12+12))
		if f12+16+12*ng <= len(b) {
			for i := 0; i < ng; i++ {
				g := f12 + 16 + 12*i
				f.groups = append(f.groups, [3]uint32{u32(b, g), u32(b, g+4), u32(b, g+8)})
			}
		}
	}
	return nil
}

// faceStyle names the font for the clerk: its style when embedded, else its name.
func (f *face) faceStyle() string {
	if f.style != "" {
		return f.style
	}
	return f.name
}

// glyph returns the glyph index of r, 0 if the font lacks it.
func (f *face) glyph(r rune) int {
	if r > 0xFFFF || r < 0 {
		for _, g := range f.groups {
			if uint32(r) >= g[0] && uint32(r) <= g[1] {
				return int(g[2] + uint32(r) - g[0])
			}
		}
		return 0
	}
	c := uint16(r)
	i := sort.Search(len(f.ends), func(i int) bool { return f.ends[i] >= c })
	if i == len(f.ends) || f.starts[i] > c {
		return 0
	}
	var g int
	if f.rangeOffs[i] == 0 {
		g = int(uint16(c + f.deltas[i]))
	} else {
		at := f.idRangeAt + 2*i + int(f.rangeOffs[i]) + 2*int(c-f.starts[i])
		if at+2 > len(f.data) {
			return 0
		}
		g = int(u16(f.data, at))
		if g != 0 {
			g = int(uint16(uint16(g) + f.deltas[i]))
		}
	}
	if g >= len(f.adv) {
		return 0
	}
	return g
}

// has tells whether the font draws r. Characters beyond U+FFFF never count:
// gofpdf cannot embed them.
func (f *face) has(r rune) bool { return r <= 0xFFFF && f.glyph(r) != 0 }

// advance is r's advance width in ems.
func (f *face) advance(r rune) float64 { return float64(f.adv[f.glyph(r)]) / f.upem }

func fontName(b []byte, nt sfntTable) string {
	n := int(u16(b, nt.off+2))
	str := nt.off + int(u16(b, nt.off+4))
	best, bestRank := "", 0
	for i := 0; i < n; i++ {
		e := nt.off + 6 + 12*i
		if e+12 > nt.off+nt.length {
			break
		}
		pid, eid, lang, id := u16(b, e), u16(b, e+2), u16(b, e+4), u16(b, e+6)
		l, o := int(u16(b, e+8)), str+int(u16(b, e+10))
		if (id != 4 && id != 1) || o+l > len(b) {
			continue
		}
		rank := 0
		var s string
		if pid == 3 && (eid == 1 || eid == 10) {
			u := make([]uint16, l/2)
			for j := range u {
				u[j] = u16(b, o+2*j)
			}
			s = string(utf16.Decode(u))
			rank = 2
			if lang == 0x804 {
				rank = 4
			}
		} else if pid == 1 && eid == 0 {
			s, rank = string(b[o:o+l]), 1
		}
		if id == 4 {
			rank += 4
		}
		if rank > bestRank && strings.TrimSpace(s) != "" {
			best, bestRank = s, rank
		}
	}
	return best
}

// FontFace describes one font in a font file (one per face of a .ttc).
type FontFace struct {
	Index int    // face index inside the file
	Name  string // the font's full name
	Err   error  // why the face cannot be used for printing; nil if usable
}

// FontFaces lists the faces of a font file (.ttf: one; .ttc: all) and whether each
// can print official documents (TrueType outlines, GB 2312 coverage).
func FontFaces(path string) ([]FontFace, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取字体文件“%s”：%w", filepath.Base(path), err)
	}
	n := 1
	if len(b) >= 12 && string(b[:4]) == "ttcf" {
		n = int(u32(b, 8))
	}
	var out []FontFace
	for i := 0; i < n; i++ {
		ff := FontFace{Index: i}
		data, err := extractFace(b, i)
		if err == nil {
			var f *face
			if f, err = parseFace(data); err == nil {
				ff.Name = f.name
				err = checkBasics(f)
			}
		}
		ff.Err = err
		out = append(out, ff)
	}
	return out, nil
}

// LoadFontFile reads a system font for one role: a .ttf as it is, or face index of
// a .ttc. Anything gofpdf cannot embed, or a font lacking the GB 2312 hanzi,
// is refused with a message for the clerk. The result goes into a Fonts field.
func LoadFontFile(path string, index int) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("读取字体文件“%s”：%w", filepath.Base(path), err)
	}
	data, err := extractFace(b, index)
	if err != nil {
		return nil, fmt.Errorf("字体文件“%s”不能使用：%w", filepath.Base(path), err)
	}
	if err := ValidateFont(data); err != nil {
		return nil, fmt.Errorf("字体文件“%s”不能使用：%w", filepath.Base(path), err)
	}
	return data, nil
}

// ValidateFont checks that TrueType data can serve as a print font: embeddable by
// gofpdf and covering every GB 2312 hanzi and the common Chinese punctuation.
func ValidateFont(data []byte) error {
	f, err := parseFace(data)
	if err != nil {
		return err
	}
	return checkBasics(f)
}

const basicPunct = "，。、；：？！“”‘’（）《》—…"

func checkBasics(f *face) error {
	var missing []rune
	count := 0
	for _, r := range gb2312Hanzi() + basicPunct {
		if !f.has(r) {
			count++
			if len(missing) < 5 {
				missing = append(missing, r)
			}
		}
	}
	if count > 0 {
		return fmt.Errorf("字体“%s”缺少 %d 个 GB 2312 常用字或标点（如“%s”），不能用于打印公文", f.name, count, string(missing))
	}
	return nil
}
